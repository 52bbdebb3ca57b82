# The functions' roles as planned: each writes only to its own log group, network rights only in the
# VPC, no "*" action anywhere, "*" resources only for what IAM cannot narrow; and a reserved
# concurrency on every function; the failed runs of a function invoked asynchronously (scheduled, or
# async: an S3 notification) go to its own queue; X-Ray writes only for the functions traced actively.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  region        = "eu-west-1"
  name_prefix   = "serverless-shop-dev"
  tracing_modes = { api = "Active" }
  vpc = {
    subnet_ids         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
    security_group_ids = ["sg-0000000000000000a"]
  }
  functions = {
    api = {
      description          = "in the VPC"
      image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
      memory_mb            = 1024
      timeout_seconds      = 29
      reserved_concurrency = 5
      in_vpc               = true
      policy_statements    = [{ sid = "ReadSecret", actions = ["secretsmanager:GetSecretValue"], resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"] }]
    }
    job = {
      description          = "outside the VPC, on a schedule"
      image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
      command              = ["x.Job::handleRequest"]
      memory_mb            = 512
      timeout_seconds      = 60
      reserved_concurrency = 1
      schedule             = "rate(1 minute)"
    }
    upload = {
      description          = "invoked asynchronously by an S3 notification"
      image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
      command              = ["x.Upload::handleRequest"]
      memory_mb            = 1536
      timeout_seconds      = 60
      reserved_concurrency = 2
      async                = true
    }
  }
}

run "least_privilege" {
  command = plan

  # CKV_AWS_63, CKV_AWS_49
  assert {
    condition = alltrue(flatten([
      for doc in values(data.aws_iam_policy_document.this) : [for s in doc.statement : [for a in s.actions : !strcontains(a, "*")]]
    ]))
    error_message = "A role allows a \"*\" action."
  }

  # CKV_AWS_355, CKV_AWS_290
  assert {
    condition = alltrue(flatten([
      for doc in values(data.aws_iam_policy_document.this) : [
        for s in doc.statement : length(setsubtract(s.actions, ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"])) == 0 if contains(s.resources, "*")
      ]
    ]))
    error_message = "A \"*\" resource is granted for an action IAM could narrow."
  }

  assert {
    condition = alltrue([
      for name, doc in data.aws_iam_policy_document.this : one([
        for s in doc.statement : s.resources if s.sid == "WriteOwnLogs"
      ]) == toset(["${aws_cloudwatch_log_group.this[name].arn}:*"])
    ])
    error_message = "A function may write to another log group than its own."
  }

  assert {
    condition = (
      length([for s in data.aws_iam_policy_document.this["api"].statement : s if strcontains(coalesce(s.sid, ""), "Network")]) == 2 &&
      length([for s in data.aws_iam_policy_document.this["job"].statement : s if strcontains(coalesce(s.sid, ""), "Network")]) == 0
    )
    error_message = "Network rights are not given to exactly the functions in the VPC."
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.this["api"].statement : s.sid if s.sid == "ReadSecret"] == ["ReadSecret"]
    error_message = "A function's own statements are not in its role."
  }

  # Lambda sends a failed run to the queue with the function's role: that queue only, and only the
  # roles of the functions invoked asynchronously may send at all.
  assert {
    condition = alltrue([
      for name in ["job", "upload"] :
      jsonencode([for s in data.aws_iam_policy_document.this[name].statement : [s.sid, s.actions, s.resources] if contains(s.actions, "sqs:SendMessage")]) ==
      jsonencode([["SendFailedRunsToOwnQueue", ["sqs:SendMessage"], [aws_sqs_queue.failed[name].arn]]])
      ]) && (
      length([for s in data.aws_iam_policy_document.this["api"].statement : s if length([for a in s.actions : a if startswith(a, "sqs:")]) > 0]) == 0
    )
    error_message = "A function invoked asynchronously may not send to its own failed-runs queue only, or another function may use SQS."
  }

  # The two X-Ray actions take no narrower resource than "*": in a policy of their own, on the
  # actively traced function's role only.
  assert {
    condition = (
      jsonencode(keys(aws_iam_role_policy.xray)) == jsonencode(["api"]) &&
      jsonencode([for s in data.aws_iam_policy_document.xray.statement : [s.actions, s.resources]]) == jsonencode([[["xray:PutTelemetryRecords", "xray:PutTraceSegments"], ["*"]]])
    )
    error_message = "X-Ray writes are given to another function than the actively traced one, or the X-Ray policy allows more than writing traces."
  }
}

run "every_function_bounded_by_digest_and_logs" {
  command = plan

  # CKV_AWS_115
  assert {
    condition     = aws_lambda_function.this["api"].reserved_concurrent_executions == 5 && aws_lambda_function.this["job"].reserved_concurrent_executions == 1
    error_message = "A function has no reserved concurrency."
  }

  # CKV_AWS_66
  assert {
    condition     = alltrue([for g in values(aws_cloudwatch_log_group.this) : g.retention_in_days == 30])
    error_message = "A log group keeps its logs forever."
  }

  assert {
    condition     = alltrue([for f in values(aws_lambda_function.this) : f.package_type == "Image"]) && jsonencode(one(aws_lambda_function.this["job"].image_config).command) == jsonencode(["x.Job::handleRequest"])
    error_message = "A function is not an image, or the job does not run its own command."
  }

  assert {
    condition     = one(aws_lambda_function.this["api"].vpc_config).subnet_ids == toset(var.vpc.subnet_ids) && length(aws_lambda_function.this["job"].vpc_config) == 0
    error_message = "A function is in the VPC that should not be, or the other way round."
  }

  assert {
    condition     = jsonencode(keys(aws_cloudwatch_event_rule.schedule)) == jsonencode(["job"]) && aws_cloudwatch_event_rule.schedule["job"].schedule_expression == "rate(1 minute)"
    error_message = "The scheduled function has no schedule, or another function has one."
  }

  assert {
    condition     = one(aws_lambda_function.this["api"].tracing_config).mode == "Active" && one(aws_lambda_function.this["job"].tracing_config).mode == "PassThrough"
    error_message = "A function's tracing mode is not the one tracing_modes gives it (PassThrough when not listed)."
  }
}

# EventBridge and S3 invoke asynchronously: a run that failed its retry goes to the function's own
# queue, kept 14 days and encrypted, instead of being dropped. Only the scheduled function and the
# one marked async have one; the async one has no schedule.
run "failed_asynchronous_runs_land_in_their_queue" {
  command = plan

  assert {
    condition = jsonencode(keys(aws_sqs_queue.failed)) == jsonencode(["job", "upload"]) && alltrue([
      for name in ["job", "upload"] :
      aws_sqs_queue.failed[name].name == "serverless-shop-dev-${name}-failed" &&
      aws_sqs_queue.failed[name].sqs_managed_sse_enabled == true &&
      aws_sqs_queue.failed[name].message_retention_seconds == 1209600
    ])
    error_message = "A function invoked asynchronously has no encrypted failed-runs queue keeping its records 14 days, or another function has one."
  }

  assert {
    condition = jsonencode(keys(aws_lambda_function_event_invoke_config.async)) == jsonencode(["job", "upload"]) && alltrue([
      for name in ["job", "upload"] :
      aws_lambda_function_event_invoke_config.async[name].function_name == aws_lambda_function.this[name].function_name &&
      aws_lambda_function_event_invoke_config.async[name].maximum_retry_attempts == 1 &&
      aws_lambda_function_event_invoke_config.async[name].maximum_event_age_in_seconds == 900 &&
      one(one(aws_lambda_function_event_invoke_config.async[name].destination_config).on_failure).destination == aws_sqs_queue.failed[name].arn
    ])
    error_message = "A failed asynchronous run is not retried once within 15 minutes and then sent to the function's own queue."
  }

  assert {
    condition     = output.failed_event_queue_names == { job = "serverless-shop-dev-job-failed", upload = "serverless-shop-dev-upload-failed" }
    error_message = "The alarms are not given the failed-runs queue of each function invoked asynchronously."
  }

  assert {
    condition     = jsonencode(keys(aws_lambda_permission.schedule)) == jsonencode(["job"])
    error_message = "The async function is given a schedule it does not have."
  }
}

# A function may be retried another number of times than the module's default (0 to 2).
run "a_function_of_its_own_retries" {
  command = plan

  variables {
    tracing_modes = {}
    functions = {
      mails = {
        description          = "invoked asynchronously by an EventBridge rule"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb            = 512
        timeout_seconds      = 30
        reserved_concurrency = 1
        async                = true
        async_retry_attempts = 2
      }
    }
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.async["mails"].maximum_retry_attempts == 2
    error_message = "The function's own number of retries is not used."
  }
}

run "async_retries_beyond_lambdas_limit_are_refused" {
  command = plan

  variables {
    tracing_modes = {}
    functions = {
      mails = {
        description          = "invoked asynchronously by an EventBridge rule"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb            = 512
        timeout_seconds      = 30
        async                = true
        async_retry_attempts = 3
      }
    }
  }

  expect_failures = [var.functions]
}

# A function without a reservation draws on the account's unreserved pool (-1, Lambda's "none").
run "no_reservation_is_lambdas_none" {
  command = plan

  variables {
    functions = {
      api = {
        description     = "no reservation"
        image_uri       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb       = 1024
        timeout_seconds = 29
      }
    }
  }

  assert {
    condition     = aws_lambda_function.this["api"].reserved_concurrent_executions == -1
    error_message = "A function without a reservation does not get Lambda's -1 (none)."
  }
}

# 0 would stop the function for good.
run "a_reservation_of_0_is_refused" {
  command = plan

  variables {
    functions = {
      api = {
        description          = "reserves nothing"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb            = 1024
        timeout_seconds      = 29
        reserved_concurrency = 0
      }
    }
  }

  expect_failures = [var.functions]
}

run "a_star_action_is_refused" {
  command = plan

  variables {
    functions = {
      api = {
        description          = "asks for everything"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb            = 1024
        timeout_seconds      = 29
        reserved_concurrency = 1
        policy_statements    = [{ sid = "Everything", actions = ["s3:*"], resources = ["*"] }]
      }
    }
  }

  expect_failures = [var.functions]
}

run "an_image_by_tag_is_refused" {
  command = plan

  variables {
    functions = {
      api = {
        description          = "by tag"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:latest"
        memory_mb            = 1024
        timeout_seconds      = 29
        reserved_concurrency = 1
      }
    }
  }

  expect_failures = [aws_lambda_function.this["api"]]
}
