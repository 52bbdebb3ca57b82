output "api_id" {
  description = "The HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_endpoint" {
  description = "The API's URL (the $default stage is at its root)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "stage_name" {
  description = "The stage."
  value       = aws_apigatewayv2_stage.default.name
}

output "route_authorization" {
  description = "Authorization type per route key, as deployed."
  value       = { for key, route in aws_apigatewayv2_route.this : key => route.authorization_type }
}

output "routes" {
  description = "Every route as deployed, by route key: its operation, integration, authorization type, authorizer and scopes."
  value = {
    for key, route in aws_apigatewayv2_route.this : key => {
      operation_name       = route.operation_name
      target               = route.target
      authorization_type   = route.authorization_type
      authorizer_id        = route.authorizer_id
      authorization_scopes = route.authorization_scopes
    }
  }
}

output "integration_ids" {
  description = "The Lambda proxy integration of each function, by function name."
  value       = { for name, integration in aws_apigatewayv2_integration.this : name => integration.id }
}

output "authorizer" {
  description = "The JWT authorizer of the protected routes: the issuer and the audiences it accepts."
  value = {
    id        = aws_apigatewayv2_authorizer.cognito.id
    issuer    = one(aws_apigatewayv2_authorizer.cognito.jwt_configuration).issuer
    audiences = one(aws_apigatewayv2_authorizer.cognito.jwt_configuration).audience
  }
}

output "lambda_permissions" {
  description = "The permission that lets this API invoke each function, by function: its statement id and the API it names."
  value = {
    for name, permission in aws_lambda_permission.api : name => {
      function_name = permission.function_name
      statement_id  = permission.statement_id
      source_arn    = permission.source_arn
    }
  }
}
