# One CloudWatch dashboard for the operator after a deploy: the business first (orders placed and
# sell-outs per minute, from the orders function's embedded-metric log lines), then the API as
# clients see it (requests, 5xx, p99), then each function (errors, throttles, p99 duration,
# concurrency, cold starts from the REPORT lines of its log), and where the traces are.

locals {
  # Widgets are laid on a grid 24 units wide; each row is 6 high.
  api = [{ ApiId = var.api_id }]
  functions = [for key in sort(keys(var.function_names)) : {
    key  = key
    name = var.function_names[key]
  }]
  log_sources = join(" | ", [for f in local.functions : "SOURCE '/aws/lambda/${f.name}'"])

  # One line per function of a Lambda metric.
  function_metric = { for metric in ["Errors", "Throttles", "Duration", "ConcurrentExecutions"] : metric => [
    for f in local.functions : ["AWS/Lambda", metric, "FunctionName", f.name, { label = f.key }]
  ] }

  business_widget = {
    for metric, title in {
      OrdersPlaced = "Orders placed per minute"
      SellOuts     = "Sell-outs per minute (orders refused for want of stock)"
      } : metric => {
      type = "metric"
      properties = {
        title   = title
        region  = var.region
        view    = "timeSeries"
        stat    = "Sum"
        period  = 60
        metrics = [[var.metrics_namespace, metric, "FunctionName", var.orders_function_name, { label = metric }]]
        yAxis   = { left = { min = 0 } }
      }
    }
  }

  widgets = [
    merge(local.business_widget["OrdersPlaced"], { x = 0, y = 0, width = 12, height = 6 }),
    merge(local.business_widget["SellOuts"], { x = 12, y = 0, width = 12, height = 6 }),
    {
      type = "metric", x = 0, y = 6, width = 8, height = 6
      properties = {
        title  = "API requests and 5xx per minute"
        region = var.region
        view   = "timeSeries"
        stat   = "Sum"
        period = 60
        metrics = [
          ["AWS/ApiGateway", "Count", "ApiId", var.api_id, { label = "requests" }],
          ["AWS/ApiGateway", "5xx", "ApiId", var.api_id, { label = "5xx" }],
          ["AWS/ApiGateway", "4xx", "ApiId", var.api_id, { label = "4xx" }],
        ]
      }
    },
    {
      type = "metric", x = 8, y = 6, width = 8, height = 6
      properties = {
        title  = "API 5xx rate (%)"
        region = var.region
        view   = "timeSeries"
        period = 60
        metrics = [
          [{ expression = "IF(requests > 0, 100 * errors / requests, 0)", label = "5xx rate", id = "rate" }],
          ["AWS/ApiGateway", "5xx", "ApiId", var.api_id, { id = "errors", stat = "Sum", visible = false }],
          ["AWS/ApiGateway", "Count", "ApiId", var.api_id, { id = "requests", stat = "Sum", visible = false }],
        ]
        yAxis = { left = { min = 0 } }
      }
    },
    {
      type = "metric", x = 16, y = 6, width = 8, height = 6
      properties = {
        title  = "API latency p99 (ms)"
        region = var.region
        view   = "timeSeries"
        period = 60
        metrics = [
          ["AWS/ApiGateway", "Latency", "ApiId", var.api_id, { stat = "p99", label = "latency p99" }],
          ["AWS/ApiGateway", "IntegrationLatency", "ApiId", var.api_id, { stat = "p99", label = "integration p99" }],
        ]
      }
    },
    {
      type       = "metric", x = 0, y = 12, width = 6, height = 6
      properties = { title = "Function errors", region = var.region, view = "timeSeries", stat = "Sum", period = 60, metrics = local.function_metric["Errors"] }
    },
    {
      type       = "metric", x = 6, y = 12, width = 6, height = 6
      properties = { title = "Function throttles", region = var.region, view = "timeSeries", stat = "Sum", period = 60, metrics = local.function_metric["Throttles"] }
    },
    {
      type       = "metric", x = 12, y = 12, width = 6, height = 6
      properties = { title = "Function duration p99 (ms)", region = var.region, view = "timeSeries", stat = "p99", period = 60, metrics = local.function_metric["Duration"] }
    },
    {
      type       = "metric", x = 18, y = 12, width = 6, height = 6
      properties = { title = "Function concurrency (max)", region = var.region, view = "timeSeries", stat = "Maximum", period = 60, metrics = local.function_metric["ConcurrentExecutions"] }
    },
    {
      # Lambda writes a REPORT line after each invocation; only a cold start's has an Init Duration.
      type = "log", x = 0, y = 18, width = 12, height = 6
      properties = {
        title  = "Cold starts per 5 minutes"
        region = var.region
        view   = "timeSeries"
        query  = "${local.log_sources} | filter @type = \"REPORT\" and ispresent(@initDuration) | stats count(*) as cold_starts by bin(5m)"
      }
    },
    {
      type = "log", x = 12, y = 18, width = 12, height = 6
      properties = {
        title  = "Cold starts by function: count and init duration (ms)"
        region = var.region
        view   = "table"
        query  = "${local.log_sources} | filter @type = \"REPORT\" and ispresent(@initDuration) | stats count(*) as cold_starts, pct(@initDuration, 50) as init_p50_ms, max(@initDuration) as init_max_ms by @log"
      }
    },
    {
      type = "text", x = 0, y = 24, width = 24, height = 3
      properties = {
        markdown = join("\n", [
          "**From a log line to its trace:** a line of a sampled request carries `trace.id` (an X-Ray trace id, 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx); open it in [X-Ray traces](https://${var.region}.console.aws.amazon.com/cloudwatch/home?region=${var.region}#xray:traces/query).",
          "**From a trace or an order to every line of its request:** Logs Insights on the functions' log groups, `filter correlation_id = \"<id>\"` (the X-Correlation-Id every response carries) or `filter trace.id = \"<trace id>\"`.",
        ])
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
