# Cognito as planned: the shoppers' pool and the administrators' (MFA required, TOTP only, no self
# sign-up), each with one app client, public (no secret: authorization code, PKCE); no machine
# client, no client secret (orders invokes products with its IAM role).

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# The mock gives every pool one id: the administrators' pool gets its own, so that whose a group,
# scope or client is shows.
override_resource {
  target          = aws_cognito_user_pool.admin
  override_during = plan
  values = {
    id       = "eu-west-1_MockAdmin"
    endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin"
  }
}

variables {
  region        = "eu-west-1"
  name          = "serverless-shop-dev"
  domain_prefix = "serverless-shop-dev-0123abcd"
  callback_urls = ["https://dmock.cloudfront.net/"]
  logout_urls   = ["https://dmock.cloudfront.net/"]
}

run "clients" {
  command = plan

  assert {
    condition = (
      aws_cognito_user_pool_client.site.generate_secret == false &&
      jsonencode(aws_cognito_user_pool_client.site.allowed_oauth_flows) == jsonencode(["code"]) &&
      aws_cognito_user_pool_client.site.prevent_user_existence_errors == "ENABLED"
    )
    error_message = "The site's client has a secret, or signs in otherwise than with the authorization code."
  }

  # Its tokens are readable by the site's scripts: the refresh token lives hours and can be revoked.
  assert {
    condition = (
      aws_cognito_user_pool_client.site.enable_token_revocation &&
      one(aws_cognito_user_pool_client.site.token_validity_units).refresh_token == "hours" &&
      aws_cognito_user_pool_client.site.refresh_token_validity <= 12
    )
    error_message = "The site's refresh token lives longer than 12 hours, or cannot be revoked."
  }

  # Every protected API route requires shop/orders: the site's client is allowed it and asks for it
  # (the machine client is allowed its resource server's scopes only).
  assert {
    condition = (
      aws_cognito_resource_server.shop.identifier == "shop" &&
      one(aws_cognito_resource_server.shop.scope).scope_name == "orders" &&
      contains(aws_cognito_user_pool_client.site.allowed_oauth_scopes, "shop/orders") &&
      contains(output.site_scopes, "shop/orders") &&
      output.shop_scope == "shop/orders"
    )
    error_message = "The site's client is not allowed, or does not ask for, the scope shop/orders."
  }

  assert {
    condition     = one(aws_cognito_user_pool.this.password_policy).minimum_length >= 12
    error_message = "Passwords may be shorter than 12 characters."
  }
}

# Cognito sets MFA per pool: the administrators have a pool of their own that requires a code from an
# authenticator app at every sign-in, offers no other second factor, and lets nobody sign up.
run "administrators_sign_in_with_totp" {
  command = plan

  assert {
    condition = (
      aws_cognito_user_pool.admin.mfa_configuration == "ON" &&
      one(aws_cognito_user_pool.admin.software_token_mfa_configuration).enabled &&
      length(aws_cognito_user_pool.admin.sms_configuration) == 0 &&
      length(aws_cognito_user_pool.admin.email_mfa_configuration) == 0
    )
    error_message = "The administrators' pool does not require MFA, or offers another factor than TOTP."
  }

  assert {
    condition     = one(aws_cognito_user_pool.admin.admin_create_user_config).allow_admin_create_user_only
    error_message = "Anyone may sign up to the administrators' pool."
  }

  assert {
    condition = (
      one(aws_cognito_user_pool.admin.password_policy).minimum_length > one(aws_cognito_user_pool.this.password_policy).minimum_length &&
      one(aws_cognito_user_pool.admin.password_policy).require_symbols &&
      aws_cognito_user_pool.admin.deletion_protection == "ACTIVE" &&
      jsonencode([for m in one(aws_cognito_user_pool.admin.account_recovery_setting).recovery_mechanism : m.name]) == jsonencode(["verified_email"])
    )
    error_message = "The administrators' passwords are no stronger than the shoppers', the pool may be deleted, or it recovers accounts otherwise than by verified e-mail."
  }

  assert {
    condition = (
      aws_cognito_user_pool_domain.admin.domain == "serverless-shop-dev-0123abcd-admin" &&
      aws_cognito_user_pool_domain.admin.user_pool_id == aws_cognito_user_pool.admin.id
    )
    error_message = "The administrators' pool does not have its own hosted domain."
  }

  # The admin group, the scope and the client are the administrators' pool's.
  assert {
    condition = (
      aws_cognito_user_group.admin.name == "admin" &&
      aws_cognito_user_group.admin.user_pool_id == aws_cognito_user_pool.admin.id &&
      output.admin_group == "admin"
    )
    error_message = "The admin group is not the administrators' pool's, or not named admin."
  }

  assert {
    condition = (
      aws_cognito_resource_server.admin_shop.user_pool_id == aws_cognito_user_pool.admin.id &&
      aws_cognito_resource_server.admin_shop.identifier == "shop" &&
      one(aws_cognito_resource_server.admin_shop.scope).scope_name == "orders" &&
      toset(aws_cognito_user_pool_client.admin.allowed_oauth_scopes) == toset(["openid", "shop/orders"])
    )
    error_message = "The administrators' client is not allowed shop/orders of its own pool's resource server shop."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.admin.user_pool_id == aws_cognito_user_pool.admin.id &&
      aws_cognito_user_pool_client.admin.generate_secret == false &&
      aws_cognito_user_pool_client.admin.allowed_oauth_flows_user_pool_client &&
      jsonencode(aws_cognito_user_pool_client.admin.allowed_oauth_flows) == jsonencode(["code"]) &&
      jsonencode(aws_cognito_user_pool_client.admin.explicit_auth_flows) == jsonencode(["ALLOW_REFRESH_TOKEN_AUTH"]) &&
      jsonencode(aws_cognito_user_pool_client.admin.supported_identity_providers) == jsonencode(["COGNITO"]) &&
      aws_cognito_user_pool_client.admin.prevent_user_existence_errors == "ENABLED" &&
      aws_cognito_user_pool_client.admin.enable_token_revocation &&
      aws_cognito_user_pool_client.admin.refresh_token_validity <= 12 &&
      one(aws_cognito_user_pool_client.admin.token_validity_units).refresh_token == "hours"
    )
    error_message = "The administrators' client has a secret, signs in otherwise than with the authorization code (PKCE), or keeps its refresh token longer than the site's."
  }

  assert {
    condition = (
      toset(aws_cognito_user_pool_client.admin.callback_urls) == toset(var.callback_urls) &&
      toset(aws_cognito_user_pool_client.admin.logout_urls) == toset(var.logout_urls)
    )
    error_message = "The administrators' sign-in does not return to the site."
  }

  assert {
    condition = (
      output.admin_issuer_url == "https://${aws_cognito_user_pool.admin.endpoint}" &&
      output.admin_jwks_url == "https://${aws_cognito_user_pool.admin.endpoint}/.well-known/jwks.json" &&
      output.admin_domain_url == "https://serverless-shop-dev-0123abcd-admin.auth.eu-west-1.amazoncognito.com" &&
      output.admin_user_pool_id == aws_cognito_user_pool.admin.id
    )
    error_message = "The administrators' pool's outputs do not name its issuer, keys, domain and id."
  }
}

# The shoppers' pool makes no administrators: it has no group, and it does not require MFA.
run "shoppers_pool_has_no_admin_group" {
  command = plan

  assert {
    condition     = aws_cognito_user_group.admin.user_pool_id != aws_cognito_user_pool.this.id
    error_message = "The admin group is in the shoppers' pool."
  }

  assert {
    condition     = !one(aws_cognito_user_pool.this.admin_create_user_config).allow_admin_create_user_only && aws_cognito_user_pool.this.mfa_configuration != "ON"
    error_message = "Shoppers can no longer sign themselves up, or are forced to use MFA."
  }
}

# The administrators' domain is <prefix>-admin: a prefix without room for it is refused.
run "a_domain_prefix_without_room_for_admin_is_refused" {
  command = plan

  variables {
    domain_prefix = "a23456789-123456789-123456789-123456789-123456789-12345678"
  }

  expect_failures = [var.domain_prefix]
}

run "a_reserved_word_in_the_domain_is_refused" {
  command = plan

  variables {
    domain_prefix = "my-cognito-shop"
  }

  expect_failures = [var.domain_prefix]
}
