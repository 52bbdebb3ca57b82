# The order events in the environment: the two functions (command, environment, rights exactly), what
# the events module is given, and the environment without a mail sender. The module's own suite
# (modules/events/tests) asserts the mapping, the rule, the queues and the alarms themselves.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# CloudFront's provider (us-east-1), mocked alike.
mock_provider "aws" {
  alias           = "cloudfront"
  override_during = plan
  source          = "../../test/mocks"
}

# Each thing a statement names its own ARN, so that what each role reaches shows.
override_resource {
  target          = module.orders_table.aws_dynamodb_table.this
  override_during = plan
  values = {
    arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/serverless-shop-dev-orders"
    stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/serverless-shop-dev-orders/stream/2026-01-01T00:00:00.000"
  }
}

override_resource {
  target          = module.events.aws_cloudwatch_event_bus.orders
  override_during = plan
  values = {
    arn = "arn:aws:events:eu-west-1:123456789012:event-bus/serverless-shop-dev-orders"
  }
}

override_resource {
  target          = module.events.aws_sqs_queue.stream_failures
  override_during = plan
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-events-failed"
  }
}

override_resource {
  target          = module.events.aws_sesv2_email_identity.sender
  override_during = plan
  values = {
    arn = "arn:aws:ses:eu-west-1:123456789012:identity/orders@shop.example"
  }
}

override_resource {
  target          = module.auth.aws_cognito_user_pool.this
  override_during = plan
  values = {
    id  = "eu-west-1_MockShoppers"
    arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_MockShoppers"
  }
}

override_resource {
  target          = aws_secretsmanager_secret.cursor_key
  override_during = plan
  values = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-shop-dev-orders-cursor-key-AbCdEf"
  }
}

variables {
  region                = "eu-west-1"
  products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
  orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
  mail_from             = "orders@shop.example"
}

run "the_event_functions_run_the_orders_image" {
  command = plan

  assert {
    condition = (
      module.event_functions.function_names == { order-events = "serverless-shop-dev-order-events", order-mails = "serverless-shop-dev-order-mails" } &&
      output.function_names["order-events"] == "serverless-shop-dev-order-events" && output.function_names["orders"] == "serverless-shop-dev-orders"
    )
    error_message = "The environment does not have the functions order-events and order-mails beside the others."
  }

  assert {
    condition = (
      local.order_events_environment.ORDER_EVENTS_BUS == "serverless-shop-dev-orders" &&
      module.events.bus_name == "serverless-shop-dev-orders" && output.event_bus_name == "serverless-shop-dev-orders" &&
      local.order_events_environment.ORDERS_TABLE == "serverless-shop-dev-orders"
    )
    error_message = "order-events is not told the orders bus, or not the orders application's configuration."
  }

  assert {
    condition = (
      local.order_mails_environment.ORDER_MAILS_FROM == "orders@shop.example" &&
      local.order_mails_environment.ORDER_MAILS_SITE_URL == output.site_url &&
      local.order_mails_environment.ORDER_MAILS_USER_POOL_ID == "eu-west-1_MockShoppers" &&
      local.order_mails_environment.ORDER_MAILS_USER_POOL_ID != output.admin_user_pool_id
    )
    error_message = "order-mails is not told the sender, the site's URL and the shoppers' pool."
  }

  # Neither is a way into the shop: no token checks, no origin value.
  assert {
    condition = alltrue([
      for environment in [local.order_events_environment, local.order_mails_environment] :
      !contains(keys(environment), "SHOP_ORIGIN_SECRET_ARN") && !contains(keys(environment), "ORDER_EVENTS_ENDPOINT") && !contains(keys(environment), "ORDER_MAILS_SES_ENDPOINT")
    ])
    error_message = "An event function is given the API's origin value, or a local cloud's endpoint."
  }

  # The orders application's other settings, as the pending-releases job gets them.
  assert {
    condition = alltrue([
      for key in keys(local.orders_environment) : contains(keys(local.order_events_environment), key) && contains(keys(local.order_mails_environment), key)
    ]) && local.order_mails_environment.SHOP_CURSORS_KEY_SECRET_ARN == local.orders_environment.SHOP_CURSORS_KEY_SECRET_ARN
    error_message = "An event function misses some of the orders application's configuration."
  }

  assert {
    condition     = local.reserved_concurrency == output.reserved_concurrency && !contains(keys(output.reserved_concurrency), "order-events") && !contains(keys(output.reserved_concurrency), "order-mails")
    error_message = "The event functions reserve concurrency (their concurrency is bounded upstream; the preflight counts only the reservations)."
  }
}

# Every statement exactly: the stream, its key through DynamoDB, the bus and the failures queue for
# order-events; the shoppers' pool, the sender identity from its one address, the mail claims and the
# table's key through DynamoDB for order-mails; both read the orders' cursor key at start, nothing else.
run "the_event_functions_have_least_privilege" {
  command = plan

  assert {
    condition = jsonencode([for s in local.order_events_statements : [s.sid, s.actions, s.resources, [for c in try(s.conditions, []) : [c.test, c.variable, c.values]]]]) == jsonencode([
      ["ReadCursorKey", ["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-shop-dev-orders-cursor-key-AbCdEf"], []],
      ["ReadOrdersStream", ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], ["arn:aws:dynamodb:eu-west-1:123456789012:table/serverless-shop-dev-orders/stream/2026-01-01T00:00:00.000"], []],
      ["DecryptOrdersStream", ["kms:Decrypt"], [module.orders_table.kms_key_arn], [["StringEquals", "kms:ViaService", ["dynamodb.eu-west-1.amazonaws.com"]]]],
      ["PublishOrderEvents", ["events:PutEvents"], ["arn:aws:events:eu-west-1:123456789012:event-bus/serverless-shop-dev-orders"], []],
      ["SendFailedBatches", ["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:123456789012:serverless-shop-dev-order-events-failed"], []],
    ])
    error_message = "order-events may do more, or less, than read the stream, publish to the bus and keep its failures: ${jsonencode(local.order_events_statements)}."
  }

  assert {
    condition = jsonencode([for s in local.order_mails_statements : [s.sid, s.actions, s.resources, [for c in try(s.conditions, []) : [c.test, c.variable, c.values]]]]) == jsonencode([
      ["ReadCursorKey", ["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-shop-dev-orders-cursor-key-AbCdEf"], []],
      ["ReadShoppersAddress", ["cognito-idp:AdminGetUser"], ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_MockShoppers"], []],
      ["SendFromTheShopsAddress", ["ses:SendEmail"], ["arn:aws:ses:eu-west-1:123456789012:identity/orders@shop.example"], [["StringEquals", "ses:FromAddress", ["orders@shop.example"]]]],
      ["ClaimEachMailOnce", ["dynamodb:PutItem", "dynamodb:DeleteItem"], ["arn:aws:dynamodb:eu-west-1:123456789012:table/serverless-shop-dev-orders"], [["ForAllValues:StringLike", "dynamodb:LeadingKeys", ["mail#*"]]]],
      ["UseTableKeyThroughDynamoDB", ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], [module.orders_table.kms_key_arn], [["StringEquals", "kms:ViaService", ["dynamodb.eu-west-1.amazonaws.com"]]]],
    ])
    error_message = "order-mails may do more, or less, than read a shopper's address, send from the shop's address and claim its mails: ${jsonencode(local.order_mails_statements)}."
  }

  assert {
    condition = alltrue(flatten([
      for s in concat(local.order_events_statements, local.order_mails_statements) : [for value in concat(s.actions, s.resources) : !strcontains(value, "*")]
    ]))
    error_message = "An event function is given a \"*\" action or resource."
  }
}

# What the events module is given: the table's stream, the two functions, the sender, the alarms' topic.
run "the_events_module_is_wired" {
  command = plan

  assert {
    condition = (
      module.events.mail_identity == "orders@shop.example" && output.mail_identity == "orders@shop.example" &&
      output.mail_dkim_records == {} && module.events.mail_identity_arn == "arn:aws:ses:eu-west-1:123456789012:identity/orders@shop.example"
    )
    error_message = "The sender's SES identity is not its address."
  }

  assert {
    condition = length(setsubtract([
      "serverless-shop-dev-alarms-order-mails-failed-runs", "serverless-shop-dev-alarms-order-mails-failed-runs-undelivered",
      "serverless-shop-dev-alarms-order-events-throttles", "serverless-shop-dev-alarms-order-mails-throttles",
      ], module.alarms.alarm_names)) == 0 && toset(module.events.alarm_names) == toset([
      "serverless-shop-dev-alarms-order-events-dead-letters", "serverless-shop-dev-alarms-order-mails-undelivered-dead-letters",
      "serverless-shop-dev-alarms-order-events-iterator-age", "serverless-shop-dev-alarms-order-events-errors", "serverless-shop-dev-alarms-order-mails-errors",
    ])
    error_message = "The event functions' failures, throttles, errors and delays do not all raise alarms: ${jsonencode(module.events.alarm_names)}."
  }

  assert {
    condition     = keys(output.order_events_dead_letter_queue_urls) == ["order-events", "order-mails-undelivered"] && contains(keys(output.failed_event_queue_urls), "order-mails")
    error_message = "The order events' queues of failures are not handed out."
  }
}

run "a_domain_sender_publishes_dkim" {
  command = plan

  variables {
    mail_verify_domain = true
  }

  assert {
    condition     = module.events.mail_identity == "shop.example" && local.order_mails_environment.ORDER_MAILS_FROM == "orders@shop.example"
    error_message = "With mail_verify_domain the identity is not the sender's domain, or the sender changed."
  }
}

# Without a sender: the events are published, nothing is mailed, and nothing may mail.
run "no_mails_without_a_sender" {
  command = plan

  variables {
    mail_from = null
  }

  assert {
    condition = (
      keys(module.event_functions.function_names) == ["order-events"] && module.events.mail_identity_arn == null &&
      keys(output.order_events_dead_letter_queue_urls) == ["order-events"] && !contains(keys(output.failed_event_queue_urls), "order-mails")
    )
    error_message = "Without mail_from there is still a mail function, identity or queue."
  }
}
