output "user_pool_id" {
  description = "The user pool."
  value       = aws_cognito_user_pool.this.id
}

output "issuer_url" {
  description = "The tokens' iss: https://cognito-idp.<region>.amazonaws.com/<pool id>."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "domain_url" {
  description = "The hosted sign-in domain; OAuth endpoints are under /oauth2."
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
  description = "The scope every protected API route requires, which only the site's client is allowed: shop/orders."
  value       = local.shop_scope
}

output "jwks_url" {
  description = "Where the pool publishes its signing keys (a JWK set); scripts/deploy reads it once the pool exists."
  value       = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"
}

output "admin_group" {
  description = "The administrators' group."
  value       = aws_cognito_user_group.admin.name
}
