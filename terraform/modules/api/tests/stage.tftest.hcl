# The API's stage as planned from the generated routes.json: throttling and JSON access logs.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name          = "serverless-shop-dev"
  routes_file   = "../../../api-spec/target/routes.json"
  jwt_issuer    = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mock"
  jwt_audiences = ["site", "machine"]
  functions = {
    products = { function_name = "products", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:products/invocations" }
    orders   = { function_name = "orders", invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations" }
  }
  route_throttling = {
    "POST /orders" = { rate_limit = 10, burst_limit = 20 }
  }
}

run "throttled_and_logged" {
  command = plan

  assert {
    condition = (
      one(aws_apigatewayv2_stage.default.default_route_settings).throttling_rate_limit == 50 &&
      one(aws_apigatewayv2_stage.default.default_route_settings).throttling_burst_limit == 100
    )
    error_message = "The stage is not throttled at 50/s, burst 100."
  }

  assert {
    condition = jsonencode([
      for s in aws_apigatewayv2_stage.default.route_settings : [s.route_key, s.throttling_rate_limit, s.throttling_burst_limit]
    ]) == jsonencode([["POST /orders", 10, 20]])
    error_message = "POST /orders has no stricter throttle of its own."
  }

  # CKV_AWS_76, CKV_AWS_95
  assert {
    condition = (
      one(aws_apigatewayv2_stage.default.access_log_settings).destination_arn == aws_cloudwatch_log_group.access.arn &&
      alltrue([for field in ["requestId", "status", "routeKey", "responseLatency", "integrationError"] : contains(keys(jsondecode(one(aws_apigatewayv2_stage.default.access_log_settings).format)), field)])
    )
    error_message = "The stage does not log one JSON object per request to its log group."
  }

  assert {
    condition     = !strcontains(one(aws_apigatewayv2_stage.default.access_log_settings).format, "authorizer.claims") && !strcontains(one(aws_apigatewayv2_stage.default.access_log_settings).format, "header.Authorization")
    error_message = "Tokens or claims would be written to the access logs."
  }

  assert {
    condition     = aws_cloudwatch_log_group.access.retention_in_days == 30
    error_message = "The access logs are kept forever."
  }

  assert {
    condition     = alltrue([for i in values(aws_apigatewayv2_integration.this) : i.integration_type == "AWS_PROXY" && i.payload_format_version == "2.0"])
    error_message = "An integration is not a Lambda proxy with payload 2.0."
  }
}

run "a_throttle_of_a_route_that_does_not_exist_is_refused" {
  command = plan

  variables {
    route_throttling = {
      "POST /nowhere" = { rate_limit = 1, burst_limit = 1 }
    }
  }

  expect_failures = [aws_apigatewayv2_stage.default]
}

# The administrators' API is a second instance over the same functions: its permissions must not
# take the shoppers' API's statement ids, and its authorizer is the issuer and audience it is given.
run "a_second_instance_over_the_same_functions" {
  command = plan

  variables {
    name                           = "serverless-shop-dev-admin"
    jwt_issuer                     = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin"
    jwt_audiences                  = ["admin"]
    lambda_permission_statement_id = "AllowAdminHttpApi"
  }

  assert {
    condition = alltrue([
      for name, permission in output.lambda_permissions : permission.statement_id == "AllowAdminHttpApi" && permission.function_name == var.functions[name].function_name
    ]) && length(output.lambda_permissions) == 2
    error_message = "The second API's permissions do not use its own statement id on each function: ${jsonencode(output.lambda_permissions)}."
  }

  assert {
    condition = (
      output.authorizer.issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin" &&
      toset(output.authorizer.audiences) == toset(["admin"])
    )
    error_message = "The authorizer does not accept exactly the issuer and audience given."
  }

  assert {
    condition     = aws_cloudwatch_log_group.access.name == "/aws/apigateway/serverless-shop-dev-admin/access" && aws_apigatewayv2_api.this.name == "serverless-shop-dev-admin"
    error_message = "The second API's name or access log group is not its own."
  }
}

run "a_statement_id_lambda_refuses_is_refused" {
  command = plan

  variables {
    lambda_permission_statement_id = "Allow Admin"
  }

  expect_failures = [var.lambda_permission_statement_id]
}
