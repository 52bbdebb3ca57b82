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
