# What wakes someone up: the API failing (5xx rate), the API slow (p99 latency), functions
# refusing work (throttles: reserved concurrency, or the account's, reached) and asynchronous runs
# (scheduled, or S3's for the image function) that failed every attempt (in their failed-runs queue,
# or lost on the way). All alarms notify one SNS topic.

# Not encrypted with a KMS key on purpose: CloudWatch alarms cannot publish to a topic encrypted with
# the AWS-managed SNS key, and alarm notifications carry no customer data.
resource "aws_sns_topic" "alarms" {
  name = var.name
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "api_5xx_rate" {
  alarm_name          = "${var.name}-api-5xx-rate"
  alarm_description   = "More than ${var.error_rate_percent}% of API requests answered 5xx over ${var.evaluation_periods} minutes"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_rate_percent
  evaluation_periods  = var.evaluation_periods
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "rate"
    expression  = "IF(requests > 0, 100 * errors / requests, 0)"
    label       = "5xx rate (%)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "5xx"
      dimensions  = { ApiId = var.api_id }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      dimensions  = { ApiId = var.api_id }
      period      = 60
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "api_p99_latency" {
  alarm_name          = "${var.name}-api-p99-latency"
  alarm_description   = "API p99 latency above ${var.p99_latency_ms} ms for ${var.evaluation_periods} minutes"
  namespace           = "AWS/ApiGateway"
  metric_name         = "Latency"
  dimensions          = { ApiId = var.api_id }
  extended_statistic  = "p99"
  period              = 60
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.p99_latency_ms
  evaluation_periods  = var.evaluation_periods
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each = var.function_names

  alarm_name          = "${var.name}-${each.key}-throttles"
  alarm_description   = "${each.value} was throttled: its reserved concurrency (or, without one, the account's) is exhausted"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 60
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# A failed-runs queue is empty unless an asynchronous run failed every attempt (or waited too long to
# run). The alarm stays on while records are there: read them, fix the cause, then purge the queue.
resource "aws_cloudwatch_metric_alarm" "failed_runs" {
  for_each = var.failed_event_queues

  alarm_name          = "${var.name}-${each.key}-failed-runs"
  alarm_description   = "A run of ${each.key} (scheduled, or an S3 notification or an event rule) failed every attempt: its record is in the SQS queue ${each.value} (read it, fix the cause, purge the queue)"
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
  alarm_actions      = [aws_sns_topic.alarms.arn]
  ok_actions         = [aws_sns_topic.alarms.arn]
}

# A failed run that Lambda could not deliver to its queue (the role lost its permission, the queue
# is gone) is lost without a trace: that is an alarm of its own.
resource "aws_cloudwatch_metric_alarm" "failed_runs_undelivered" {
  for_each = var.failed_event_queues

  alarm_name          = "${var.name}-${each.key}-failed-runs-undelivered"
  alarm_description   = "Lambda could not deliver a failed run of ${each.key} to the SQS queue ${each.value}: look at the function's logs, its role's sqs:SendMessage and the queue"
  namespace           = "AWS/Lambda"
  metric_name         = "DestinationDeliveryFailures"
  dimensions          = { FunctionName = var.function_names[each.key] }
  statistic           = "Sum"
  period              = 300
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
