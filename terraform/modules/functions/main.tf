# Every Lambda function of the shop, from one map: the API functions (products, orders) and the ones
# that share their images with another command (products-migrate, products-sweep,
# orders-pending-releases). Each function has its own log group with a retention, its own role that
# can write only to that log group plus the statements its definition lists, optionally a reserved
# concurrency (a ceiling on cost and on database connections), and optionally a schedule; the runs
# of a function invoked asynchronously (scheduled, or async: an S3 notification) that fail every
# attempt land in its own SQS queue.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  scheduled = { for name, f in var.functions : name => f if f.schedule != null }
  # Invoked asynchronously: Lambda retries a failed run, then needs somewhere to put it.
  queued = { for name, f in var.functions : name => f if f.schedule != null || f.async }

  # Network interfaces of functions in the VPC are made in this account and region only.
  eni_resources = ["arn:${data.aws_partition.current.partition}:ec2:${var.region}:${data.aws_caller_identity.current.account_id}:*/*"]
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = var.functions

  name              = "/aws/lambda/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = var.functions

  name               = "${var.name_prefix}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "this" {
  for_each = var.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
  }

  # What Lambda needs to attach the function to the VPC. The two Describe actions cannot be limited
  # to resources (IAM only accepts "*" for them); the others are limited to this account and region.
  dynamic "statement" {
    for_each = each.value.in_vpc ? [1] : []
    content {
      sid       = "DescribeNetwork"
      actions   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = each.value.in_vpc ? [1] : []
    content {
      sid = "ManageOwnNetworkInterfaces"
      actions = [
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ]
      resources = local.eni_resources
    }
  }

  # Lambda sends an asynchronous run that failed every attempt to the function's queue with the
  # function's own role: SendMessage on that one queue (SSE-SQS: no key permission needed).
  dynamic "statement" {
    for_each = [for name, queue in aws_sqs_queue.failed : queue.arn if name == each.key]
    content {
      sid       = "SendFailedRunsToOwnQueue"
      actions   = ["sqs:SendMessage"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = each.value.policy_statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = var.functions

  name   = "least-privilege"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.this[each.key].json
}

# ---- X-Ray: the two write actions, for the functions traced actively only -------------------------

data "aws_iam_policy_document" "xray" {
  statement {
    sid     = "WriteTraces"
    actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    # IAM accepts no resource narrower than "*" for these two actions.
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "xray" {
  for_each = { for name, mode in var.tracing_modes : name => mode if mode == "Active" }

  name   = "xray-traces"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.xray.json
}

resource "aws_lambda_function" "this" {
  for_each = var.functions

  function_name = "${var.name_prefix}-${each.key}"
  description   = each.value.description
  role          = aws_iam_role.this[each.key].arn
  package_type  = "Image"
  image_uri     = each.value.image_uri
  architectures = [var.architecture]
  memory_size   = each.value.memory_mb
  timeout       = each.value.timeout_seconds
  # -1 is Lambda's "no reservation": the function draws on the account's unreserved pool.
  reserved_concurrent_executions = coalesce(each.value.reserved_concurrency, -1)

  # Same image, another handler: the command replaces the image's CMD.
  dynamic "image_config" {
    for_each = each.value.command == null ? [] : [each.value.command]
    content {
      command = image_config.value
    }
  }

  dynamic "environment" {
    for_each = length(each.value.environment) == 0 ? [] : [each.value.environment]
    content {
      variables = environment.value
    }
  }

  dynamic "vpc_config" {
    for_each = each.value.in_vpc ? [var.vpc] : []
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this[each.key].name
  }

  # X-Ray: Active records sampled invocations (Lambda's own segments, no agent in the image);
  # PassThrough, Lambda's default, records nothing unless a caller's header asks for it.
  tracing_config {
    mode = lookup(var.tracing_modes, each.key, "PassThrough")
  }

  lifecycle {
    precondition {
      condition     = can(regex("^[^@]+@sha256:[0-9a-f]{64}$", each.value.image_uri))
      error_message = "Function ${each.key}: image_uri must name the image by digest (<repository>@sha256:<64 hex>); scripts/deploy passes the digests it pushed."
    }
    precondition {
      condition     = !each.value.in_vpc || var.vpc != null
      error_message = "Function ${each.key} runs in the VPC: set var.vpc."
    }
    # Lambda refuses more than 4 KB of environment (names and values together); the delivered JWK sets
    # (SHOP_JWT_JWKS and SHOP_ADMIN_JWT_JWKS, about 900 characters each for a Cognito pool's two keys)
    # are the largest values: say so at plan, not at apply.
    precondition {
      condition     = sum(concat([0], [for name, value in each.value.environment : length(name) + length(value)])) <= 4096
      error_message = "Function ${each.key}: its environment is over Lambda's 4 KB."
    }
  }

  # The role must be able to write logs (and traces) and create network interfaces when the function is created.
  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy.xray]
}

# ---- schedules ------------------------------------------------------------------------------------
# A frozen Lambda instance runs no timer of its own: EventBridge invokes the scheduled functions.

resource "aws_cloudwatch_event_rule" "schedule" {
  for_each = local.scheduled

  name                = "${var.name_prefix}-${each.key}"
  description         = "Invokes ${var.name_prefix}-${each.key}"
  schedule_expression = each.value.schedule
}

resource "aws_cloudwatch_event_target" "schedule" {
  for_each = local.scheduled

  rule = aws_cloudwatch_event_rule.schedule[each.key].name
  arn  = aws_lambda_function.this[each.key].arn
}

resource "aws_lambda_permission" "schedule" {
  for_each = local.scheduled

  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule[each.key].arn
}

# ---- failed asynchronous runs ---------------------------------------------------------------------
# EventBridge and S3 invoke asynchronously: a run that fails is retried by Lambda, then dropped without
# a trace unless it has somewhere to go. Each such function gets an on-failure destination, an SQS
# queue (the record holds the event, the error and the request id to find in the logs), which the
# alarms module watches.

resource "aws_sqs_queue" "failed" {
  for_each = local.queued

  name                      = "${var.name_prefix}-${each.key}-failed"
  message_retention_seconds = var.failed_run_retention_days * 86400
  # Encrypted at rest with SQS's own key: neither Lambda nor the reader needs a KMS permission.
  sqs_managed_sse_enabled = true
}

resource "aws_lambda_function_event_invoke_config" "async" {
  for_each = local.queued

  function_name = aws_lambda_function.this[each.key].function_name
  # A job runs again at its next schedule anyway, and the image function's work can be replayed from
  # the queue's record: one retry absorbs a passing fault, and an event older than the age limit
  # (throttled that long) goes to the queue rather than waiting on. A function may ask for another
  # number (the mail function: two, its claim makes a retry send nothing twice).
  maximum_retry_attempts       = coalesce(each.value.async_retry_attempts, var.scheduled_retry_attempts)
  maximum_event_age_in_seconds = var.scheduled_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed[each.key].arn
    }
  }

  # Lambda checks that the role may send to the destination when the configuration is saved.
  depends_on = [aws_iam_role_policy.this]
}

moved {
  from = aws_lambda_function_event_invoke_config.scheduled
  to   = aws_lambda_function_event_invoke_config.async
}
