# The order events (docs/decisions/0014): the orders table is their outbox. Its stream hands every
# change to the order-events function (an event source mapping, in order per order), which publishes
# the placed orders' status changes to the orders bus; the rule order-mails sends the ones a shopper
# is mailed about to the order-mails function, which mails through SES from one verified identity.
# Delivery is at least once everywhere: the consumers are idempotent by event id.
#
# What fails every attempt is kept and watched: the stream's batches that the function could not
# publish (their shard and sequence numbers) in one queue, the events the bus could not hand to the
# mail function in another; the mail function's own failed runs in its failed-runs queue (the
# functions module's, as for every function invoked asynchronously).

locals {
  mails = var.mail != null
  # The identity SES verifies: the sender's address, or its whole domain (then DNS proves it: DKIM).
  mail_identity = local.mails ? (var.mail.verify_domain ? split("@", var.mail.from)[1] : var.mail.from) : null

  # What the alarms watch: each queue of failures, each function's errors.
  dead_letter_queues = merge(
    { order-events = aws_sqs_queue.stream_failures.name },
    local.mails ? { order-mails-undelivered = aws_sqs_queue.mail_delivery_failures[0].name } : {},
  )
  error_alarm_functions = merge(
    { order-events = var.order_events_function.name },
    local.mails ? { order-mails = var.order_mails_function.name } : {},
  )
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = var.bus_name
}

# ---- the table's stream -> order-events ----------------------------------------------------------

# A batch that still fails after the retries (or grew older than the record age) is sent here: the
# record names the shard and the sequence numbers, not the items, which the stream keeps 24 hours.
resource "aws_sqs_queue" "stream_failures" {
  name                      = "${var.name}-order-events-failed"
  message_retention_seconds = var.failed_retention_days * 86400
  # Encrypted at rest with SQS's own key: Lambda sends with the function's role and needs no KMS right.
  sqs_managed_sse_enabled = true
}

resource "aws_lambda_event_source_mapping" "order_events" {
  function_name     = var.order_events_function.name
  event_source_arn  = var.table_stream_arn
  starting_position = "TRIM_HORIZON"

  batch_size                         = var.stream_batch_size
  maximum_batching_window_in_seconds = var.stream_batching_window_seconds
  # One invocation per shard at a time: an order's changes are on one shard, in order, so its events
  # are published in order. The function answers which record it stopped at (batchItemFailures), and
  # the retry starts there.
  parallelization_factor         = 1
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = true
  maximum_retry_attempts         = var.stream_retry_attempts
  maximum_record_age_in_seconds  = var.stream_max_record_age_seconds

  # Orders only (an image with a status): the idempotency records, counters and mail claims the table
  # also holds never wake the function. A removed order passes too: a placement undone after it was
  # announced is an OrderCancelled. The function decides the rest (a claim still in its saga, a change
  # that keeps the status).
  filter_criteria {
    filter {
      pattern = jsonencode({
        eventName = ["INSERT", "MODIFY"]
        dynamodb = {
          NewImage = {
            order_status = { S = [{ exists = true }] }
          }
        }
      })
    }
    filter {
      pattern = jsonencode({
        eventName = ["REMOVE"]
        dynamodb = {
          OldImage = {
            order_status = { S = [{ exists = true }] }
          }
        }
      })
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.stream_failures.arn
    }
  }
}

# ---- the bus -> order-mails ------------------------------------------------------------------------

# The pattern is a file of its own, which the local cloud's bus reads too.
resource "aws_cloudwatch_event_rule" "order_mails" {
  count = local.mails ? 1 : 0

  name           = "order-mails"
  description    = "The order events a shopper is mailed about, to the order-mails function"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern  = file("${path.module}/order-mails.pattern.json")
}

resource "aws_cloudwatch_event_target" "order_mails" {
  count = local.mails ? 1 : 0

  rule           = aws_cloudwatch_event_rule.order_mails[0].name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  arn            = var.order_mails_function.arn

  # EventBridge retries only what Lambda refuses to take (its asynchronous queue takes almost
  # everything); what it still cannot deliver goes to the queue below, not nowhere.
  retry_policy {
    maximum_retry_attempts       = var.mail_target_retry_attempts
    maximum_event_age_in_seconds = var.mail_target_max_event_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.mail_delivery_failures[0].arn
  }
}

resource "aws_lambda_permission" "order_mails" {
  count = local.mails ? 1 : 0

  statement_id  = "AllowOrderMailsRule"
  action        = "lambda:InvokeFunction"
  function_name = var.order_mails_function.name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.order_mails[0].arn
}

resource "aws_sqs_queue" "mail_delivery_failures" {
  count = local.mails ? 1 : 0

  name                      = "${var.name}-order-mails-undelivered"
  message_retention_seconds = var.failed_retention_days * 86400
  # SQS's own key: EventBridge cannot send to a queue under the AWS-managed SQS KMS key.
  sqs_managed_sse_enabled = true
}

# EventBridge sends with no role of ours: the queue lets this rule, and only it, send.
data "aws_iam_policy_document" "mail_delivery_failures" {
  count = local.mails ? 1 : 0

  statement {
    sid       = "OrderMailsRuleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.mail_delivery_failures[0].arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.order_mails[0].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "mail_delivery_failures" {
  count = local.mails ? 1 : 0

  queue_url = aws_sqs_queue.mail_delivery_failures[0].id
  policy    = data.aws_iam_policy_document.mail_delivery_failures[0].json
}

# ---- the sender ------------------------------------------------------------------------------------

# An address is verified by the link SES mails to it; a domain by the DKIM records (output
# dkim_records) published in its DNS. A new account's SES is in the sandbox until production access
# is granted: it sends only to verified addresses (terraform/README.md, "Order events").
resource "aws_sesv2_email_identity" "sender" {
  count = local.mails ? 1 : 0

  email_identity = local.mail_identity
}

# ---- alarms ----------------------------------------------------------------------------------------

# A queue of failures is empty unless something failed every attempt: the alarm stays on while it
# holds anything (read it, fix the cause, replay, purge).
resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = local.dead_letter_queues

  alarm_name          = "${var.alarm_name_prefix}-${each.key}-dead-letters"
  alarm_description   = "Order events that failed every attempt are in the SQS queue ${each.value} (terraform/README.md, \"Order events\")"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  # SQS stops reporting an empty, idle queue: no data is nothing to report.
  treat_missing_data = "notBreaching"
  alarm_actions      = [var.alarm_topic_arn]
  ok_actions         = [var.alarm_topic_arn]
}

# The age of the oldest record the function has read: it grows while publishing fails or falls
# behind, and the stream drops what is older than 24 hours.
resource "aws_cloudwatch_metric_alarm" "iterator_age" {
  alarm_name          = "${var.alarm_name_prefix}-order-events-iterator-age"
  alarm_description   = "The order events are more than ${var.iterator_age_alarm_seconds} s behind the orders table (the stream keeps 24 hours)"
  namespace           = "AWS/Lambda"
  metric_name         = "IteratorAge"
  dimensions          = { FunctionName = var.order_events_function.name }
  statistic           = "Maximum"
  period              = 60
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.iterator_age_alarm_seconds * 1000
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = local.error_alarm_functions

  alarm_name          = "${var.alarm_name_prefix}-${each.key}-errors"
  alarm_description   = "${each.value} failed: its work is retried, but look at its logs"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
}
