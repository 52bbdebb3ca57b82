# The alarms as planned: the API's 5xx rate and p99 latency, every function's throttles, and a
# scheduled function's failed runs (in its queue, or lost on the way there), all to one topic.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name   = "serverless-shop-dev-alarms"
  api_id = "abc123"
  function_names = {
    products       = "serverless-shop-dev-products"
    orders         = "serverless-shop-dev-orders"
    products-sweep = "serverless-shop-dev-products-sweep"
  }
  failed_event_queues = { products-sweep = "serverless-shop-dev-products-sweep-failed" }
}

run "alarms" {
  command = plan

  assert {
    condition = toset([
      for q in aws_cloudwatch_metric_alarm.api_5xx_rate.metric_query : one(q.metric).metric_name if length(q.metric) > 0
    ]) == toset(["5xx", "Count"])
    error_message = "The 5xx alarm is not a rate of 5xx responses to requests."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.api_p99_latency.extended_statistic == "p99" && aws_cloudwatch_metric_alarm.api_p99_latency.metric_name == "Latency"
    error_message = "The latency alarm does not watch p99."
  }

  assert {
    condition = toset(keys(aws_cloudwatch_metric_alarm.throttles)) == toset(keys(var.function_names)) && alltrue([
      for alarm in values(aws_cloudwatch_metric_alarm.throttles) : alarm.metric_name == "Throttles" && alarm.threshold == 0
    ])
    error_message = "Not every function's throttles raise an alarm."
  }

  assert {
    condition = alltrue([
      for alarm in concat([aws_cloudwatch_metric_alarm.api_5xx_rate, aws_cloudwatch_metric_alarm.api_p99_latency], values(aws_cloudwatch_metric_alarm.throttles)) :
      jsonencode(alarm.alarm_actions) == jsonencode([aws_sns_topic.alarms.arn])
    ])
    error_message = "An alarm does not notify the topic."
  }

  # A record in the queue: a run failed every attempt.
  assert {
    condition = jsonencode(keys(aws_cloudwatch_metric_alarm.failed_runs)) == jsonencode(["products-sweep"]) && (
      aws_cloudwatch_metric_alarm.failed_runs["products-sweep"].namespace == "AWS/SQS" &&
      aws_cloudwatch_metric_alarm.failed_runs["products-sweep"].metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.failed_runs["products-sweep"].dimensions == tomap({ QueueName = "serverless-shop-dev-products-sweep-failed" }) &&
      aws_cloudwatch_metric_alarm.failed_runs["products-sweep"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.failed_runs["products-sweep"].threshold == 0
    )
    error_message = "A message in a scheduled function's failed-runs queue raises no alarm, or a function without a queue has one."
  }

  # A failed run Lambda could not deliver to the queue would be lost without a trace.
  assert {
    condition = jsonencode(keys(aws_cloudwatch_metric_alarm.failed_runs_undelivered)) == jsonencode(["products-sweep"]) && (
      aws_cloudwatch_metric_alarm.failed_runs_undelivered["products-sweep"].namespace == "AWS/Lambda" &&
      aws_cloudwatch_metric_alarm.failed_runs_undelivered["products-sweep"].metric_name == "DestinationDeliveryFailures" &&
      aws_cloudwatch_metric_alarm.failed_runs_undelivered["products-sweep"].dimensions == tomap({ FunctionName = "serverless-shop-dev-products-sweep" }) &&
      aws_cloudwatch_metric_alarm.failed_runs_undelivered["products-sweep"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.failed_runs_undelivered["products-sweep"].threshold == 0
    )
    error_message = "A failed run Lambda could not deliver to its queue raises no alarm."
  }

  assert {
    condition = alltrue([
      for alarm in concat(values(aws_cloudwatch_metric_alarm.failed_runs), values(aws_cloudwatch_metric_alarm.failed_runs_undelivered)) :
      jsonencode(alarm.alarm_actions) == jsonencode([aws_sns_topic.alarms.arn])
    ])
    error_message = "A failed-runs alarm does not notify the topic."
  }

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "A subscription is made without an address."
  }
}

# A queue of a function that is not watched would have an alarm on a function name that is not there.
run "a_queue_of_an_unknown_function_is_refused" {
  command = plan

  variables {
    failed_event_queues = { products-sweeper = "serverless-shop-dev-products-sweeper-failed" }
  }

  expect_failures = [var.failed_event_queues]
}
