# Cognito as planned: the site is a public client (no secret: authorization code, PKCE), the orders
# service a confidential one (client credentials) limited to the resource server's scopes, whose
# secret the orders functions read from Secrets Manager, never from their environment.

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

# The orders functions are given the ARN and read the secret itself: Cognito's value copied into a
# secret of this environment's name, under the AWS-managed key (the IAM policy on the ARN is the
# gate), deleted at once on destroy so that the next deploy may take the name again.
run "machine_client_secret_in_secrets_manager" {
  command = plan

  # The mock leaves a sensitive computed value unknown at plan: Cognito's secret, made known here.
  override_resource {
    target          = aws_cognito_user_pool_client.machine
    override_during = plan
    values = {
      client_secret = "mock-cognito-client-secret"
    }
  }

  assert {
    condition = (
      aws_secretsmanager_secret.machine_client.name == "serverless-shop-dev-orders-client-secret" &&
      aws_secretsmanager_secret.machine_client.kms_key_id == null &&
      aws_secretsmanager_secret.machine_client.recovery_window_in_days == 0
    )
    error_message = "The machine client's secret is not serverless-shop-dev-orders-client-secret under the AWS-managed key, deleted at once on destroy."
  }

  assert {
    condition = (
      aws_secretsmanager_secret_version.machine_client.secret_id == aws_secretsmanager_secret.machine_client.id &&
      aws_secretsmanager_secret_version.machine_client.secret_string == aws_cognito_user_pool_client.machine.client_secret &&
      aws_secretsmanager_secret_version.machine_client.secret_string == "mock-cognito-client-secret"
    )
    error_message = "The secret does not hold the machine client's own client secret."
  }

  # The version's ARN: a reader is not created before the secret has a value.
  assert {
    condition     = output.machine_client_secret_arn == aws_secretsmanager_secret_version.machine_client.arn && startswith(output.machine_client_secret_arn, "arn:aws:secretsmanager:")
    error_message = "machine_client_secret_arn is not the ARN of the secret's version."
  }
}

run "a_reserved_word_in_the_domain_is_refused" {
  command = plan

  variables {
    domain_prefix = "my-cognito-shop"
  }

  expect_failures = [var.domain_prefix]
}
