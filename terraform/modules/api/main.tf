# The HTTP API. Its routes are exactly the operations of the contracts: one route per entry of the
# generated routes.json (api-spec/api-routes builds it from api-spec/*.yaml), nothing hand-written.
# A route whose authorization type is jwt gets the Cognito JWT authorizer with the route's scopes;
# group membership (x-required-groups) is checked by the functions, as API Gateway cannot.
# An environment makes two of these over the same functions and routes: the shoppers' API and the
# administrators' (one issuer per JWT authorizer, one authorizer per route; docs/decisions/0011),
# so everything named here is named after var.name or given per instance.

locals {
  routes = { for route in jsondecode(file(var.routes_file)).routes : route.route_key => route }
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = var.description

  # Only when the site is served from another origin (S3 website hosting); behind CloudFront the
  # site and the API share one origin and need no CORS.
  dynamic "cors_configuration" {
    for_each = length(var.cors_allow_origins) == 0 ? [] : [var.cors_allow_origins]
    content {
      allow_origins  = cors_configuration.value
      allow_methods  = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
      allow_headers  = ["authorization", "content-type", "idempotency-key", "if-match", "x-correlation-id"]
      expose_headers = ["etag", "location", "idempotent-replayed", "retry-after", "x-correlation-id"]
      max_age        = 600
    }
  }
}

# Cognito access tokens have no aud: API Gateway then checks client_id against the audience list.
resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audiences
  }
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = var.functions

  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = each.value.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = var.integration_timeout_ms
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.routes

  api_id               = aws_apigatewayv2_api.this.id
  route_key            = each.value.route_key
  operation_name       = each.value.operation_id
  target               = "integrations/${aws_apigatewayv2_integration.this[each.value.function].id}"
  authorization_type   = each.value.authorization.type == "jwt" ? "JWT" : "NONE"
  authorizer_id        = each.value.authorization.type == "jwt" ? aws_apigatewayv2_authorizer.cognito.id : null
  authorization_scopes = each.value.authorization.type == "jwt" && length(each.value.authorization.scopes) > 0 ? each.value.authorization.scopes : null

  lifecycle {
    precondition {
      condition     = contains(keys(var.functions), each.value.function)
      error_message = "Route ${each.key} targets function ${each.value.function}, which is not among var.functions."
    }
    precondition {
      condition     = contains(["none", "jwt"], each.value.authorization.type)
      error_message = "Route ${each.key}: unknown authorization type ${each.value.authorization.type}."
    }
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}/access"
  retention_in_days = var.log_retention_days
}

# $default: the API is served at the root of its URL, so the paths are the contracts' paths, the
# same behind CloudFront and when orders calls products directly.
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  # Route settings name routes by key: they must exist first.
  depends_on = [aws_apigatewayv2_route.this]

  lifecycle {
    precondition {
      condition     = alltrue([for key in keys(var.route_throttling) : contains(keys(local.routes), key)])
      error_message = "route_throttling names a route that routes.json does not have: ${join(", ", keys(var.route_throttling))}."
    }
  }

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  # Placing an order holds stock and costs a saga of writes: the route gets a stricter limit of its
  # own, for all callers together (the orders service also limits each customer, in DynamoDB).
  dynamic "route_settings" {
    for_each = var.route_throttling
    content {
      route_key              = route_settings.key
      throttling_rate_limit  = route_settings.value.rate_limit
      throttling_burst_limit = route_settings.value.burst_limit
    }
  }

  # One JSON object per request; no headers or claims (tokens stay out of the logs).
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      ip                 = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
    })
  }
}

resource "aws_lambda_permission" "api" {
  for_each = var.functions

  # Unique among the permissions of one function: both APIs invoke the same functions.
  statement_id  = var.lambda_permission_statement_id
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
