# Cognito as planned: the site is the one app client, public (no secret: authorization code, PKCE);
# no machine client, no client secret (orders invokes products with its IAM role).

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
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

  assert {
    condition     = aws_cognito_user_group.admin.name == "admin"
    error_message = "The admin group is not where the services look for it."
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

run "a_reserved_word_in_the_domain_is_refused" {
  command = plan

  variables {
    domain_prefix = "my-cognito-shop"
  }

  expect_failures = [var.domain_prefix]
}
