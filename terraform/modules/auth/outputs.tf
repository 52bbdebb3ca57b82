output "user_pool_id" {
  description = "The shoppers' user pool."
  value       = aws_cognito_user_pool.this.id
}

output "issuer_url" {
  description = "The shoppers' tokens' iss: https://cognito-idp.<region>.amazonaws.com/<pool id>."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "domain_url" {
  description = "The shoppers' hosted sign-in domain; OAuth endpoints are under /oauth2."
  value       = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${var.region}.amazoncognito.com"
}

output "site_client_id" {
  description = "The site's app client (public: no secret)."
  value       = aws_cognito_user_pool_client.site.id
}

output "site_scopes" {
  description = "The scopes the site asks for at sign-in: var.site_scopes and shop/orders."
  value       = local.site_scopes
}

output "shop_scope" {
  description = "The scope every protected API route requires, which only the site's and the administrators' clients are allowed: shop/orders."
  value       = local.shop_scope
}

output "jwks_url" {
  description = "Where the shoppers' pool publishes its signing keys (a JWK set); scripts/deploy reads it once the pool exists."
  value       = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"
}

output "admin_group" {
  description = "The administrators' group, in the administrators' pool."
  value       = aws_cognito_user_group.admin.name
}

output "admin_user_pool_id" {
  description = "The administrators' user pool (MFA required, TOTP; operators create its users)."
  value       = aws_cognito_user_pool.admin.id
}

output "admin_issuer_url" {
  description = "The administrators' tokens' iss: https://cognito-idp.<region>.amazonaws.com/<admin pool id>."
  value       = "https://${aws_cognito_user_pool.admin.endpoint}"
}

output "admin_domain_url" {
  description = "The administrators' hosted sign-in domain; OAuth endpoints are under /oauth2."
  value       = "https://${aws_cognito_user_pool_domain.admin.domain}.auth.${var.region}.amazoncognito.com"
}

output "admin_client_id" {
  description = "The administrators' app client (public: no secret)."
  value       = aws_cognito_user_pool_client.admin.id
}

output "admin_scopes" {
  description = "The scopes the administrators' sign-in asks for: openid and shop/orders."
  value       = local.admin_scopes
}

output "admin_jwks_url" {
  description = "Where the administrators' pool publishes its signing keys; scripts/deploy reads it once the pool exists."
  value       = "https://${aws_cognito_user_pool.admin.endpoint}/.well-known/jwks.json"
}

output "user_pool_arn" {
  description = "The shoppers' user pool's ARN (cognito-idp:AdminGetUser of the order mails)."
  value       = aws_cognito_user_pool.this.arn
}
