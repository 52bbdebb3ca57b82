# Cognito: who the users are and how the site signs them in. Two user pools, because Cognito sets
# multi-factor authentication per pool, not per group or app client: shoppers sign themselves up and
# sign in with a password (pool "this"), administrators must also give a code from an authenticator
# app at every sign-in (pool "admin": MFA required, TOTP only, no self sign-up). Each pool has its
# own hosted domain and its own public app client (authorization code with PKCE on the hosted
# sign-in pages), granted the scope shop/orders that every protected API route requires. Access
# tokens carry sub (the customer id), client_id (checked as the audience) and, in the
# administrators' pool only, cognito:groups; the functions take the admin group from a token of
# that pool alone (docs/decisions/0011). The orders service needs no client here: it invokes the
# products function directly with its own IAM role (docs/decisions/0009), so there is no machine
# client and no client secret.

locals {
  shop_resource_server = "shop"
  shop_scope_name      = "orders"
  # As the contracts name it (api-spec: bearerAuth [shop/orders]) and routes.json carries it.
  shop_scope = "${local.shop_resource_server}/${local.shop_scope_name}"
  # What the site's client is allowed and asks for at sign-in.
  site_scopes = concat(var.site_scopes, [local.shop_scope])
  # What the administrators' client is allowed and asks for: who they are, and the shop.
  admin_scopes = ["openid", local.shop_scope]
  # The administrators' hosted domain: the shoppers' prefix with -admin (the prefix leaves room for it).
  admin_domain_prefix = "${var.domain_prefix}-admin"
  # Both clients' tokens live alike in the site's sessionStorage (see the site's client).
  token_validity = {
    access_minutes = 60
    id_minutes     = 60
    refresh_hours  = 12
  }
}

# ---- shoppers --------------------------------------------------------------------------------------

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
    # Shoppers sign themselves up. No group here makes anyone an administrator: a cognito:groups
    # claim in this pool's tokens counts for nothing.
    allow_admin_create_user_only = false
  }
}

# The hosted sign-in pages and the OAuth endpoints (authorize, token, logout).
resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
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
    scope_description = "Shop as the signed-in customer"
  }
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
  access_token_validity  = local.token_validity.access_minutes
  id_token_validity      = local.token_validity.id_minutes
  refresh_token_validity = local.token_validity.refresh_hours
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }

  # The scope must exist before a client may be allowed it.
  depends_on = [aws_cognito_resource_server.shop]
}

# ---- administrators --------------------------------------------------------------------------------

# MFA "ON": every sign-in asks for a code from an authenticator app (TOTP), and the hosted sign-in
# makes a user without one enrol it (a QR code) at their first sign-in, after the temporary password.
# TOTP only: no SMS (a SIM swap defeats it, and it needs an SNS role) and no e-mail codes (the
# mailbox that resets the password must not also be the second factor). Nobody signs up: an operator
# creates each administrator (aws cognito-idp admin-create-user) and adds them to the admin group.
resource "aws_cognito_user_pool" "admin" {
  name                     = "${var.name}-admin"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "ON"

  software_token_mfa_configuration {
    enabled = true
  }

  username_configuration {
    case_sensitive = false
  }

  # Longer than the shoppers' and with symbols; a temporary password (sent by admin-create-user)
  # must be used within a day: an operator resends it (--message-action RESEND) if it was not.
  password_policy {
    minimum_length                   = 16
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 1
  }

  # A forgotten password is reset by a code to the verified e-mail address; the authenticator is
  # still asked for at the next sign-in (Cognito allows e-mail recovery because no e-mail MFA is on).
  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }
}

resource "aws_cognito_user_pool_domain" "admin" {
  domain       = local.admin_domain_prefix
  user_pool_id = aws_cognito_user_pool.admin.id
}

# Everyone the operator creates here is put in this group: the functions make a token an
# administrator's only when it is this pool's and names the group.
resource "aws_cognito_user_group" "admin" {
  name         = var.admin_group
  user_pool_id = aws_cognito_user_pool.admin.id
  description  = "Administrators: manage the catalog and fulfil orders"
}

# The same scope as the shoppers' pool, so that routes.json's scopes hold for both APIs unchanged.
resource "aws_cognito_resource_server" "admin_shop" {
  identifier   = local.shop_resource_server
  name         = "${var.name}-admin-shop"
  user_pool_id = aws_cognito_user_pool.admin.id

  scope {
    scope_name        = local.shop_scope_name
    scope_description = "Administer the shop (with the admin group)"
  }
}

# The site's administrator sign-in: public like the site's client (code + PKCE, no secret).
resource "aws_cognito_user_pool_client" "admin" {
  name         = "${var.name}-admin"
  user_pool_id = aws_cognito_user_pool.admin.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = local.admin_scopes
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.callback_urls
  logout_urls                          = var.logout_urls
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  access_token_validity  = local.token_validity.access_minutes
  id_token_validity      = local.token_validity.id_minutes
  refresh_token_validity = local.token_validity.refresh_hours
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }

  depends_on = [aws_cognito_resource_server.admin_shop]
}
