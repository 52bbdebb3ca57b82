# The order events: the table's stream read in order by order-events, the bus, the rule that hands
# the mail-worthy events to order-mails, the sender's identity, the queues of failures and their alarms.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# Each queue its own ARN, so that which queue a destination names shows.
override_resource {
  target          = aws_sqs_queue.stream_failures
  override_during = plan
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-events-failed"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/serverless-shop-dev-order-events-failed"
  }
}

override_resource {
  target          = aws_sqs_queue.mail_delivery_failures
  override_during = plan
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-mails-undelivered"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/serverless-shop-dev-order-mails-undelivered"
  }
}

override_resource {
  target          = aws_cloudwatch_event_rule.order_mails
  override_during = plan
  values = {
    arn = "arn:aws:events:eu-west-1:123456789012:rule/serverless-shop-dev-orders/order-mails"
  }
}

variables {
  name              = "serverless-shop-dev"
  bus_name          = "serverless-shop-dev-orders"
  table_stream_arn  = "arn:aws:dynamodb:eu-west-1:123456789012:table/serverless-shop-dev-orders/stream/2026-01-01T00:00:00.000"
  alarm_topic_arn   = "arn:aws:sns:eu-west-1:123456789012:serverless-shop-dev-alarms"
  alarm_name_prefix = "serverless-shop-dev-alarms"
  order_events_function = {
    name = "serverless-shop-dev-order-events"
    arn  = "arn:aws:lambda:eu-west-1:123456789012:function:serverless-shop-dev-order-events"
  }
  order_mails_function = {
    name = "serverless-shop-dev-order-mails"
    arn  = "arn:aws:lambda:eu-west-1:123456789012:function:serverless-shop-dev-order-mails"
  }
  mail = { from = "orders@shop.example" }
}

run "the_stream_is_read_in_order_per_order" {
  command = plan

  assert {
    condition     = aws_cloudwatch_event_bus.orders.name == "serverless-shop-dev-orders" && output.bus_name == "serverless-shop-dev-orders"
    error_message = "The bus is not serverless-shop-dev-orders."
  }

  assert {
    condition = (
      aws_lambda_event_source_mapping.order_events.event_source_arn == var.table_stream_arn &&
      aws_lambda_event_source_mapping.order_events.function_name == "serverless-shop-dev-order-events" &&
      aws_lambda_event_source_mapping.order_events.starting_position == "TRIM_HORIZON"
    )
    error_message = "The order-events function does not read the table's stream from its oldest record."
  }

  assert {
    condition = (
      aws_lambda_event_source_mapping.order_events.batch_size == 100 &&
      aws_lambda_event_source_mapping.order_events.maximum_batching_window_in_seconds == 1 &&
      aws_lambda_event_source_mapping.order_events.parallelization_factor == 1
    )
    error_message = "Not batches of 100 within a second, one invocation per shard at a time."
  }

  assert {
    condition = (
      toset(aws_lambda_event_source_mapping.order_events.function_response_types) == toset(["ReportBatchItemFailures"]) &&
      aws_lambda_event_source_mapping.order_events.bisect_batch_on_function_error == true &&
      aws_lambda_event_source_mapping.order_events.maximum_retry_attempts == 5 &&
      aws_lambda_event_source_mapping.order_events.maximum_record_age_in_seconds == 21600
    )
    error_message = "A failing batch is not retried from the record the function names, halved, 5 times within 6 hours."
  }

  assert {
    condition     = one(one(aws_lambda_event_source_mapping.order_events.destination_config).on_failure).destination_arn == "arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-events-failed"
    error_message = "A batch that failed every attempt does not go to the order events' failures queue."
  }

  assert {
    condition     = aws_sqs_queue.stream_failures.sqs_managed_sse_enabled == true && aws_sqs_queue.stream_failures.message_retention_seconds == 14 * 86400
    error_message = "The stream's failures queue is not encrypted, or keeps its records less than 14 days."
  }
}

run "only_orders_wake_the_function" {
  command = plan

  assert {
    condition = toset([for f in one(aws_lambda_event_source_mapping.order_events.filter_criteria).filter : f.pattern]) == toset([
      jsonencode({
        eventName = ["INSERT", "MODIFY"]
        dynamodb  = { NewImage = { order_status = { S = [{ exists = true }] } } }
      }),
      jsonencode({
        eventName = ["REMOVE"]
        dynamodb  = { OldImage = { order_status = { S = [{ exists = true }] } } }
      }),
    ])
    error_message = "The filter does not pass exactly the inserts and changes of items with an order status, and the removals of such items."
  }
}

run "the_rule_hands_mail_worthy_events_to_order_mails" {
  command = plan

  assert {
    condition = (
      one(aws_cloudwatch_event_rule.order_mails).event_bus_name == "serverless-shop-dev-orders" &&
      one(aws_cloudwatch_event_rule.order_mails).event_pattern == file("order-mails.pattern.json")
    )
    error_message = "The rule on the orders bus is not the pattern file the local cloud reads."
  }

  assert {
    condition = jsondecode(one(aws_cloudwatch_event_rule.order_mails).event_pattern) == {
      source        = ["serverless-shop.orders"]
      "detail-type" = ["OrderPlaced", "OrderShipped", "OrderCancelled"]
    }
    error_message = "The pattern does not pick the orders' OrderPlaced, OrderShipped and OrderCancelled."
  }

  assert {
    condition = (
      one(aws_cloudwatch_event_target.order_mails).arn == var.order_mails_function.arn &&
      one(aws_cloudwatch_event_target.order_mails).event_bus_name == "serverless-shop-dev-orders"
    )
    error_message = "The rule's target is not the order-mails function."
  }

  assert {
    condition = (
      one(one(aws_cloudwatch_event_target.order_mails).retry_policy).maximum_retry_attempts == 185 &&
      one(one(aws_cloudwatch_event_target.order_mails).retry_policy).maximum_event_age_in_seconds == 86400 &&
      one(one(aws_cloudwatch_event_target.order_mails).dead_letter_config).arn == "arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-mails-undelivered"
    )
    error_message = "An event the mail function does not take is not retried for a day, then kept in its own queue."
  }

  assert {
    condition     = one(aws_sqs_queue.mail_delivery_failures).sqs_managed_sse_enabled == true
    error_message = "The undelivered mails' queue is not encrypted."
  }

  # Only this rule may send to that queue.
  assert {
    condition = jsonencode([for s in one(data.aws_iam_policy_document.mail_delivery_failures).statement : [
      s.actions, s.resources, [for p in s.principals : [p.type, p.identifiers]], [for c in s.condition : [c.test, c.variable, c.values]],
      ]]) == jsonencode([[
      ["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-mails-undelivered"],
      [["Service", ["events.amazonaws.com"]]],
      [["ArnEquals", "aws:SourceArn", ["arn:aws:events:eu-west-1:123456789012:rule/serverless-shop-dev-orders/order-mails"]]],
    ]])
    error_message = "The undelivered mails' queue lets more than this rule send to it."
  }

  assert {
    condition = (
      one(aws_lambda_permission.order_mails).function_name == "serverless-shop-dev-order-mails" &&
      one(aws_lambda_permission.order_mails).principal == "events.amazonaws.com" &&
      one(aws_lambda_permission.order_mails).action == "lambda:InvokeFunction" &&
      one(aws_lambda_permission.order_mails).source_arn == "arn:aws:events:eu-west-1:123456789012:rule/serverless-shop-dev-orders/order-mails"
    )
    error_message = "EventBridge may invoke the mail function for more than the rule order-mails."
  }
}

run "the_sender_is_an_address" {
  command = plan

  assert {
    condition     = one(aws_sesv2_email_identity.sender).email_identity == "orders@shop.example" && output.mail_identity == "orders@shop.example"
    error_message = "The SES identity is not the sender's address."
  }

  assert {
    condition     = output.dkim_records == {}
    error_message = "An address identity has DKIM records to publish."
  }
}

run "the_sender_is_a_domain" {
  command = plan

  variables {
    mail = { from = "orders@shop.example", verify_domain = true }
  }

  assert {
    condition     = one(aws_sesv2_email_identity.sender).email_identity == "shop.example"
    error_message = "With verify_domain the SES identity is not the sender's domain."
  }
}

run "the_sender_is_an_address_or_nothing" {
  command = plan

  variables {
    mail = { from = "shop.example" }
  }

  expect_failures = [var.mail]
}

run "failures_and_delays_raise_alarms" {
  command = plan

  assert {
    condition = {
      for key, alarm in aws_cloudwatch_metric_alarm.dead_letters : key => [alarm.namespace, alarm.metric_name, alarm.dimensions.QueueName, alarm.comparison_operator, alarm.threshold]
      } == {
      order-events            = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", aws_sqs_queue.stream_failures.name, "GreaterThanThreshold", 0]
      order-mails-undelivered = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", one(aws_sqs_queue.mail_delivery_failures).name, "GreaterThanThreshold", 0]
    }
    error_message = "Not every queue of failures raises an alarm as soon as it holds a message."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.iterator_age.metric_name == "IteratorAge" &&
      aws_cloudwatch_metric_alarm.iterator_age.dimensions.FunctionName == "serverless-shop-dev-order-events" &&
      aws_cloudwatch_metric_alarm.iterator_age.statistic == "Maximum" &&
      aws_cloudwatch_metric_alarm.iterator_age.threshold == 300000
    )
    error_message = "No alarm when the order events fall 5 minutes behind the table."
  }

  assert {
    condition = {
      for key, alarm in aws_cloudwatch_metric_alarm.errors : key => [alarm.metric_name, alarm.dimensions.FunctionName]
      } == {
      order-events = ["Errors", "serverless-shop-dev-order-events"]
      order-mails  = ["Errors", "serverless-shop-dev-order-mails"]
    }
    error_message = "The two functions' errors do not raise alarms."
  }

  assert {
    condition = alltrue([
      for alarm in concat(values(aws_cloudwatch_metric_alarm.dead_letters), [aws_cloudwatch_metric_alarm.iterator_age], values(aws_cloudwatch_metric_alarm.errors)) :
      alarm.alarm_actions == toset([var.alarm_topic_arn]) && startswith(alarm.alarm_name, "serverless-shop-dev-alarms-")
    ])
    error_message = "An alarm does not notify the alarms' topic."
  }

  assert {
    condition = output.dead_letter_queue_urls == {
      order-events            = "https://sqs.eu-west-1.amazonaws.com/123456789012/serverless-shop-dev-order-events-failed"
      order-mails-undelivered = "https://sqs.eu-west-1.amazonaws.com/123456789012/serverless-shop-dev-order-mails-undelivered"
    }
    error_message = "The queues' URLs are not handed out."
  }
}

run "without_mails_only_the_events" {
  command = plan

  variables {
    mail                 = null
    order_mails_function = null
  }

  assert {
    condition = (
      length(aws_cloudwatch_event_rule.order_mails) == 0 && length(aws_cloudwatch_event_target.order_mails) == 0 &&
      length(aws_lambda_permission.order_mails) == 0 && length(aws_sesv2_email_identity.sender) == 0 &&
      length(aws_sqs_queue.mail_delivery_failures) == 0 && keys(aws_cloudwatch_metric_alarm.errors) == ["order-events"]
    )
    error_message = "Without a sender there is still a mail rule, identity, queue or alarm."
  }
}
