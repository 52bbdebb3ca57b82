# The alarms as planned: the API's 5xx rate and p99 latency, and every function's throttles, all to
# one topic.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name           = "serverless-shop-dev-alarms"
  api_id         = "abc123"
  function_names = { products = "serverless-shop-dev-products", orders = "serverless-shop-dev-orders" }
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

  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0
    error_message = "A subscription is made without an address."
  }
}
