# Cognito as planned: the site is a public client (no secret: authorization code, PKCE), the orders
# service a confidential one (client credentials) limited to the resource server's scopes.

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

  assert {
    condition = (
      aws_cognito_user_pool_client.machine.generate_secret == true &&
      jsonencode(aws_cognito_user_pool_client.machine.allowed_oauth_flows) == jsonencode(["client_credentials"])
    )
    error_message = "The orders service's client is not a confidential client-credentials client."
  }

  assert {
    condition     = aws_cognito_user_group.admin.name == "admin" && aws_cognito_resource_server.products.identifier == "products"
    error_message = "The admin group or the products resource server is not where the services look for them."
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
