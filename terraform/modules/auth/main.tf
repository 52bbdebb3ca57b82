# Cognito: who the users are (a user pool, the admin group) and how the site signs them in (a public
# app client: authorization code with PKCE on the hosted sign-in pages, granted the scope shop/orders
# that every protected API route requires and no other client is allowed). Access tokens carry sub
# (the customer id), client_id (checked as the audience) and, for administrators, cognito:groups. The
# orders service needs no client here: it invokes the products function directly with its own IAM
# role (docs/decisions/0009), so there is no machine client and no client secret.


resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    # Shoppers sign themselves up; administrators are added to the admin group by hand.
    allow_admin_create_user_only = false
  }
}

# The hosted sign-in pages and the OAuth endpoints (authorize, token, logout).
resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_user_group" "admin" {
  name         = var.admin_group
  user_pool_id = aws_cognito_user_pool.this.id
  description  = "Administrators: manage the catalog and fulfil orders"
}

# The shop's own scope, shop/orders: every protected route of both APIs requires it (API Gateway's
# authorizer, then the functions), and only the site's client is allowed it. Any other token of this
# pool, such as a machine client's client-credentials token, is then no customer's (403).
resource "aws_cognito_resource_server" "shop" {
  identifier   = local.shop_resource_server
  name         = "${var.name}-shop"
  user_pool_id = aws_cognito_user_pool.this.id

  scope {
    scope_name        = local.shop_scope_name
    scope_description = "Shop as the signed-in customer (and administer, for the admin group)"
  }
}

locals {
  shop_resource_server = "shop"
  shop_scope_name      = "orders"
  # As the contracts name it (api-spec: bearerAuth [shop/orders]) and routes.json carries it.
  shop_scope = "${local.shop_resource_server}/${local.shop_scope_name}"
  # What the site's client is allowed and asks for at sign-in.
  site_scopes = concat(var.site_scopes, [local.shop_scope])
}

# The site: a browser app cannot keep a secret, so no secret; the authorization code flow, with
# the PKCE challenge the site sends (Cognito verifies it whenever one is sent).
resource "aws_cognito_user_pool_client" "site" {
  name         = "${var.name}-site"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = local.site_scopes
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.callback_urls
  logout_urls                          = var.logout_urls
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  # The site keeps its tokens where its scripts can read them (sessionStorage): a stolen refresh
  # token is good for hours, not a month, and the site revokes it at sign-out (enable_token_revocation).
  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 12
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }

  # The scope must exist before a client may be allowed it.
  depends_on = [aws_cognito_resource_server.shop]
}
