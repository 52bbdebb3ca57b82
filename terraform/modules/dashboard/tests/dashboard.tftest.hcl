# The dashboard as planned: its widgets read the metrics the services and AWS publish, under the
# names and dimensions they publish them with, for every function the environment has.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name                 = "serverless-shop-dev"
  region               = "eu-west-1"
  api_id               = "abc123"
  orders_function_name = "serverless-shop-dev-orders"
  function_names = {
    products = "serverless-shop-dev-products"
    orders   = "serverless-shop-dev-orders"
  }
}

run "widgets_read_the_published_metrics" {
  command = plan

  assert {
    condition     = aws_cloudwatch_dashboard.this.dashboard_name == "serverless-shop-dev" && output.dashboard_url == "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/serverless-shop-dev"
    error_message = "The dashboard is not named after the environment, or dashboard_url does not open it: ${output.dashboard_url}."
  }

  # The business figures: what the orders function emits as embedded metrics (namespace and names as
  # the services' code has them, one dimension: the function's name).
  assert {
    condition = toset([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : jsonencode(slice(w.properties.metrics[0], 0, 4))
      if w.type == "metric" && can(w.properties.metrics[0][0]) && try(w.properties.metrics[0][0] == "ServerlessShop", false)
      ]) == toset([
      jsonencode(["ServerlessShop", "OrdersPlaced", "FunctionName", "serverless-shop-dev-orders"]),
      jsonencode(["ServerlessShop", "SellOuts", "FunctionName", "serverless-shop-dev-orders"]),
    ])
    error_message = "The business widgets do not read OrdersPlaced and SellOuts of the orders function in ServerlessShop."
  }

  assert {
    condition = (
      strcontains(file("${path.module}/../../../orders-impl/src/main/java/serverlessshop/orders/placement/OrderPlacement.java"), "ORDERS_PLACED = \"OrdersPlaced\"") &&
      strcontains(file("${path.module}/../../../orders-impl/src/main/java/serverlessshop/orders/placement/OrderPlacement.java"), "SELL_OUTS = \"SellOuts\"") &&
      strcontains(file("${path.module}/../../../service-support/src/main/java/serverlessshop/support/metrics/ShopMetricsProperties.java"), "@DefaultValue(\"ServerlessShop\") String namespace")
    )
    error_message = "The services emit their business metrics under other names or another namespace than the dashboard reads."
  }

  # The API as clients see it: requests, 5xx, p99 latency, on this API only.
  assert {
    condition = toset(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [
        for m in w.properties.metrics : "${m[1]} ${m[3]}" if try(m[0] == "AWS/ApiGateway", false)
      ] if w.type == "metric"
    ])) == toset(["Count abc123", "5xx abc123", "4xx abc123", "Latency abc123", "IntegrationLatency abc123"])
    error_message = "The API widgets do not read this API's requests, 5xx and latency."
  }

  # Every function's errors, throttles, duration and concurrency.
  assert {
    condition = toset(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [
        for m in w.properties.metrics : "${m[1]} ${m[3]}" if try(m[0] == "AWS/Lambda" && m[2] == "FunctionName", false)
      ] if w.type == "metric"
      ])) == toset(flatten([
      for metric in ["Errors", "Throttles", "Duration", "ConcurrentExecutions"] : [for f in values(var.function_names) : "${metric} ${f}"]
    ]))
    error_message = "A function's errors, throttles, duration or concurrency is not on the dashboard."
  }

  # Cold starts: the REPORT lines with an init duration, in every function's log group.
  assert {
    condition = length([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w if w.type == "log"]) == 2 && alltrue([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : (
        alltrue([for f in values(var.function_names) : strcontains(w.properties.query, "SOURCE '/aws/lambda/${f}'")]) &&
        strcontains(w.properties.query, "filter @type = \"REPORT\" and ispresent(@initDuration)")
      ) if w.type == "log"
    ])
    error_message = "The cold-start widgets do not count the REPORT lines with an init duration of every function."
  }
}
