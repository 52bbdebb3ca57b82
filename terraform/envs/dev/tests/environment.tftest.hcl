# The whole environment planned with its defaults: what it gives the modules and the functions.
# The modules' own suites (terraform/modules/*/tests) assert their resources.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# CloudFront's provider (us-east-1), mocked alike.
mock_provider "aws" {
  alias           = "cloudfront"
  override_during = plan
  source          = "../../test/mocks"
}

# The mock gives every secret one ARN: the origin secret gets its own, so that who may read it shows.
override_resource {
  target          = aws_secretsmanager_secret.api_origin
  override_during = plan
  values = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-shop-dev-api-origin-AbCdEf"
  }
}

# The mock gives every user pool one id: the administrators' pool gets its own, so that which pool
# an authorizer, a variable or the site's configuration names shows.
override_resource {
  target          = module.auth.aws_cognito_user_pool.admin
  override_during = plan
  values = {
    id       = "eu-west-1_MockAdmin"
    endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin"
  }
}

# Known at plan (the mock leaves a client's id to apply), and each client its own.
override_resource {
  target          = module.auth.aws_cognito_user_pool_client.site
  override_during = plan
  values = {
    id = "mocksiteclient"
  }
}

override_resource {
  target          = module.auth.aws_cognito_user_pool_client.admin
  override_during = plan
  values = {
    id = "mockadminclient"
  }
}

variables {
  region                = "eu-west-1"
  products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
  orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
}

run "safe_defaults" {
  command = plan

  # CKV_AWS_293, CKV_AWS_133, RDS Proxy off, the private bucket behind CloudFront.
  assert {
    condition     = var.db_deletion_protection && var.db_backup_retention_days >= 7 && !var.enable_rds_proxy && var.site_hosting == "cloudfront"
    error_message = "The environment's defaults are not the safe ones."
  }

  assert {
    condition     = output.site_config.api_base_url == "" && output.site_config.redirect_uri == "${output.site_url}/"
    error_message = "Behind CloudFront the site does not call the API on its own origin."
  }

  # POST /orders is stricter than the stage, all customers together.
  assert {
    condition     = var.order_creation_throttling_rate_limit < var.api_throttling_rate_limit && var.order_creation_throttling_burst_limit < var.api_throttling_burst_limit
    error_message = "POST /orders is not throttled more strictly than the stage."
  }
}

# The distribution meets the environment's web ACL, made in CloudFront's region; its limits come from
# the environment's variables, and the per-token limit on POST /orders leaves the service's own
# per-customer answer (problem+json, Retry-After) to a customer who orders often but not in a flood.
run "edge_firewall" {
  command = plan

  assert {
    condition     = module.site.web_acl_arn != null && module.site.web_acl_arn == module.waf[0].web_acl_arn
    error_message = "The CloudFront distribution is not behind the environment's web ACL."
  }

  assert {
    condition     = output.waf_log_group == "aws-waf-logs-serverless-shop-dev-edge"
    error_message = "WAF's log group is not named for the environment."
  }

  assert {
    condition     = var.waf_order_creation_token_rate_limit * 60 / var.waf_evaluation_window_seconds > var.orders_per_customer_limit
    error_message = "WAF would cut a customer's orders before the orders service's own per-customer limit answers."
  }
}

# Website hosting has no distribution, so no web ACL either.
run "no_edge_firewall_without_cloudfront" {
  command = plan

  variables {
    site_hosting = "s3-website"
  }

  assert {
    condition     = length(module.waf) == 0 && module.site.web_acl_arn == null && output.waf_log_group == null
    error_message = "s3-website hosting still makes a web ACL."
  }
}

# The per-customer order rate reaches the orders functions from variables, and the service's own
# default is the same, so a function without the variable behaves alike.
run "order_rate_per_customer" {
  command = plan

  assert {
    condition = (
      local.orders_environment.ORDERS_CREATE_RATE_LIMIT == "10" && local.orders_environment.ORDERS_CREATE_RATE_WINDOW == "60s" &&
      strcontains(file("${local.repository_root}/orders-impl/src/main/resources/application.properties"), "shop.orders.create-rate.limit=$${ORDERS_CREATE_RATE_LIMIT:10}") &&
      strcontains(file("${local.repository_root}/orders-impl/src/main/resources/application.properties"), "shop.orders.create-rate.window=$${ORDERS_CREATE_RATE_WINDOW:60s}")
    )
    error_message = "The orders functions' rate per customer is not 10 per 60s, or the service's default differs."
  }
}

# The cap on the units of one product a customer holds in open orders reaches the orders functions
# from a variable, and the service's own default is the same.
run "open_units_per_customer_and_product" {
  command = plan

  assert {
    condition = (
      local.orders_environment.ORDERS_MAX_OPEN_UNITS_PER_PRODUCT == "20" &&
      strcontains(file("${local.repository_root}/orders-impl/src/main/resources/application.properties"), "shop.orders.max-open-units-per-product=$${ORDERS_MAX_OPEN_UNITS_PER_PRODUCT:20}")
    )
    error_message = "The orders functions' open-units cap is not 20, or the service's default differs."
  }
}

run "open_units_cap_from_the_variable" {
  command = plan

  variables {
    orders_max_open_units_per_product = 5
  }

  assert {
    condition     = local.orders_environment.ORDERS_MAX_OPEN_UNITS_PER_PRODUCT == "5"
    error_message = "The orders functions' environment does not take ORDERS_MAX_OPEN_UNITS_PER_PRODUCT from orders_max_open_units_per_product."
  }
}

run "open_units_cap_refuses_a_negative_number" {
  command = plan

  variables {
    orders_max_open_units_per_product = -1
  }

  expect_failures = [var.orders_max_open_units_per_product]
}

# What each function's role may do besides its logs (and its network, its failed-runs queue): the
# statements the environment gives the functions module. products and products-sweep get
# products_statements, products-migrate migrate_statements, orders orders_statements and
# orders-pending-releases those plus orders_scan_statements (main.tf).
run "least_privilege_statements" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for statement in concat(local.products_statements, local.products_image_statements, local.image_function_statements, local.migrate_statements, local.orders_statements, local.orders_scan_statements) : [for action in statement.actions : !strcontains(action, "*")]
    ]))
    error_message = "A function is given a \"*\" action."
  }

  # The products functions log in as the application user with an IAM token, on this instance (the
  # mock's resource id), and read their cursor key: no other secret.
  assert {
    condition = jsonencode([for s in local.products_statements : [s.actions, s.resources]]) == jsonencode([
      [["rds-db:connect"], ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-MOCKRESOURCEID/products_app"]],
      [["secretsmanager:GetSecretValue"], [aws_secretsmanager_secret.cursor_key["products"].arn]],
    ])
    error_message = "The products functions may do more than connect as products_app: ${jsonencode(local.products_statements)}."
  }

  # Only the migration reads the master secret (DDL, and it makes the application user); it does not
  # log in with IAM.
  assert {
    condition = jsonencode([for s in local.migrate_statements : [s.actions, s.resources]]) == jsonencode([[
      ["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-mock-AbCdEf"]
    ]]) && module.database.master_secret_arn == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-mock-AbCdEf"
    error_message = "The migration may do more than read the master secret: ${jsonencode(local.migrate_statements)}."
  }

  assert {
    condition = alltrue(flatten([
      for s in local.orders_statements : [
        for action in s.actions : startswith(action, "dynamodb:") || startswith(action, "kms:") if !contains(["InvokeProducts", "ReadCursorKey"], s.sid)
      ]
    ])) && !contains(flatten([for s in local.orders_statements : s.actions]), "dynamodb:Scan")
    error_message = "The orders API may do more than use its table and key (and invoke products), or it may scan."
  }

  assert {
    condition = toset(flatten([for s in local.orders_statements : s.resources])) == toset(concat(
      [module.orders_table.table_arn, module.orders_table.kms_key_arn, local.products_function_arn, aws_secretsmanager_secret.cursor_key["orders"].arn], values(module.orders_table.index_arns)
    ))
    error_message = "The orders functions reach something else than their table, its index, its key, the products function and their cursor key."
  }

  assert {
    condition     = one([for s in local.orders_statements : one(s.conditions).variable if contains(s.actions, "kms:Decrypt")]) == "kms:ViaService"
    error_message = "The table's key is usable outside DynamoDB."
  }

  # The stock reservations: both orders functions (orders_statements) may invoke the products API
  # function, unqualified, and only it (not the migrate or sweep function, not another version);
  # no products function may invoke anything.
  assert {
    condition = jsonencode([for s in local.orders_statements : [s.actions, s.resources] if s.sid == "InvokeProducts"]) == jsonencode([[
      ["lambda:InvokeFunction"], ["arn:aws:lambda:eu-west-1:123456789012:function:serverless-shop-dev-products"]
    ]]) && module.functions.function_names["products"] == local.products_function_name
    error_message = "The orders functions may not invoke the products function, or may invoke more: ${jsonencode(local.orders_statements)}."
  }

  assert {
    condition = length([
      for s in concat(local.products_statements, local.products_image_statements, local.image_function_statements, local.migrate_statements) : s
      if anytrue([for action in s.actions : startswith(action, "lambda:")])
    ]) == 0
    error_message = "A products function may invoke a function."
  }
}

# What the functions are told: the products functions (products, products-sweep:
# products_environment) connect as products_app with IAM and verify the server's certificate
# against the RDS CA bundle; the migration (migrate_environment) uses the master secret; the orders
# functions (orders, orders-pending-releases: orders_environment) get the products function's name,
# and no client, token or secret for it. No secret in any function's environment.
run "functions_environment_carries_no_secret" {
  command = plan

  assert {
    condition = (
      local.products_environment.PRODUCTS_DB_USER == "products_app" &&
      local.products_environment.PRODUCTS_DB_IAM_AUTH == "true" &&
      !contains(keys(local.products_environment), "PRODUCTS_DB_SECRET_ARN") &&
      !contains(keys(local.products_environment), "PRODUCTS_DB_PASSWORD")
    )
    error_message = "The products functions do not log in as products_app with IAM, or are given a database secret: ${jsonencode(keys(local.products_environment))}."
  }

  # sslMode=REQUIRED encrypts without checking who answers; the instance's certificate is checked
  # against the RDS CAs the products jar carries.
  assert {
    condition = (
      strcontains(local.products_environment.PRODUCTS_DB_URL, "sslMode=VERIFY_IDENTITY") &&
      !strcontains(local.products_environment.PRODUCTS_DB_URL, "sslMode=REQUIRED") &&
      strcontains(local.products_environment.PRODUCTS_DB_URL, "&trustCertificateKeyStoreUrl=classpath:rds-ca/global-bundle.p12&trustCertificateKeyStoreType=PKCS12") &&
      local.migrate_environment.PRODUCTS_DB_URL == local.products_environment.PRODUCTS_DB_URL
    )
    error_message = "The database URL does not verify the server's identity against the RDS CA bundle: ${local.products_environment.PRODUCTS_DB_URL}."
  }

  assert {
    condition = (
      local.migrate_environment.PRODUCTS_DB_SECRET_ARN == module.database.master_secret_arn &&
      local.migrate_environment.PRODUCTS_DB_APP_USER == "products_app" &&
      !contains(keys(local.migrate_environment), "PRODUCTS_DB_APP_SECRET_ARN")
    )
    error_message = "The migration is not given the master secret and the application user (and, without the proxy, no password of that user)."
  }

  assert {
    condition = (
      local.orders_environment.PRODUCTS_FUNCTION_NAME == "serverless-shop-dev-products" &&
      length([for key in keys(local.orders_environment) : key if startswith(key, "PRODUCTS_") && key != "PRODUCTS_FUNCTION_NAME"]) == 0
    )
    error_message = "The orders functions are not given the products function's name, or are given a client, token URL or secret for it: ${jsonencode(keys(local.orders_environment))}."
  }

  # Whatever its name, a secret is handed over as where it is kept.
  assert {
    condition = alltrue(flatten([
      for environment in [local.products_environment, local.migrate_environment, local.orders_environment, local.api_origin_environment] : [
        for key, value in environment : startswith(value, "arn:aws:secretsmanager:") if strcontains(key, "SECRET")
      ]
    ]))
    error_message = "A function's environment has a SECRET variable that is not a Secrets Manager ARN."
  }
}

# The functions verify every request's token themselves: they are given the pool's keys as
# scripts/deploy reads them (user_pool_jwks), and where the pool publishes them for a rotated key.
run "functions_are_given_the_user_pools_keys" {
  command = plan

  variables {
    user_pool_jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"use\":\"sig\",\"e\":\"AQAB\",\"n\":\"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw\"}]}"
  }

  assert {
    condition = alltrue([
      for environment in [local.products_environment, local.orders_environment] :
      environment.SHOP_JWT_JWKS == var.user_pool_jwks && environment.SHOP_JWT_JWKS_URI == module.auth.jwks_url
    ])
    error_message = "The products or orders functions are not given the user pool's keys (SHOP_JWT_JWKS) and where they are published."
  }
}

# Both functions verify the administrators' tokens too: against the administrators' pool (its issuer,
# its client, its keys as scripts/deploy reads them), never the shoppers'.
run "functions_are_given_the_administrators_pool" {
  command = plan

  variables {
    admin_user_pool_jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a1\",\"alg\":\"RS256\",\"use\":\"sig\",\"e\":\"AQAB\",\"n\":\"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw\"}]}"
  }

  assert {
    condition = alltrue([
      for environment in [local.products_api_environment, local.orders_api_environment, local.products_environment, local.orders_environment] :
      environment.SHOP_ADMIN_JWT_ISSUER == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin" &&
      environment.SHOP_ADMIN_JWT_ISSUER == module.auth.admin_issuer_url &&
      environment.SHOP_ADMIN_JWT_AUDIENCES == "mockadminclient" &&
      environment.SHOP_ADMIN_JWT_JWKS_URI == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin/.well-known/jwks.json" &&
      environment.SHOP_ADMIN_JWT_JWKS == var.admin_user_pool_jwks
    ])
    error_message = "A products or orders function is not given the administrators' pool: issuer, client, keys and where they are published."
  }

  # The shoppers' issuer stays the shoppers' pool's: its tokens make no administrators.
  assert {
    condition = alltrue([
      for environment in [local.products_api_environment, local.orders_api_environment] :
      environment.SHOP_JWT_ISSUER == module.auth.issuer_url && environment.SHOP_JWT_ISSUER != environment.SHOP_ADMIN_JWT_ISSUER &&
      environment.SHOP_JWT_AUDIENCES == "mocksiteclient" && !contains(keys(environment), "SHOP_JWT_JWKS")
    ])
    error_message = "The shoppers' issuer is the administrators' pool, or the administrators' keys were given as the shoppers'."
  }
}

# Without the administrators' keys (the pool's first apply) the functions fetch them themselves.
run "no_administrators_keys_until_the_pool_exists" {
  command = plan

  assert {
    condition     = !contains(keys(local.products_api_environment), "SHOP_ADMIN_JWT_JWKS") && local.products_api_environment.SHOP_ADMIN_JWT_ISSUER == module.auth.admin_issuer_url
    error_message = "Without admin_user_pool_jwks the functions are given an empty key set, or no administrators' issuer."
  }
}

# Lambda takes 4 KB of environment at most: both pools' sets at their largest still fit, with everything
# else an API function is given (the functions module refuses the plan otherwise).
run "both_key_sets_fit_lambdas_environment" {
  command = plan

  variables {
    user_pool_jwks       = jsonencode({ keys = [{ kty = "RSA", kid = "shop", alg = "RS256", use = "sig", e = "AQAB", n = replace(format("%1199s", ""), " ", "x") }] })
    admin_user_pool_jwks = jsonencode({ keys = [{ kty = "RSA", kid = "admin", alg = "RS256", use = "sig", e = "AQAB", n = replace(format("%1198s", ""), " ", "x") }] })
  }

  assert {
    condition = length(var.user_pool_jwks) == 1280 && length(var.admin_user_pool_jwks) == 1280 && alltrue([
      for environment in [local.products_api_environment, local.orders_api_environment] :
      sum([for name, value in environment : length(name) + length(value)]) <= 4096 - 256
    ])
    error_message = "With both key sets at their largest, an API function's environment leaves less than 256 characters of Lambda's 4 KB."
  }
}

run "a_private_key_in_admin_user_pool_jwks_is_refused" {
  command = plan

  variables {
    admin_user_pool_jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a1\",\"e\":\"AQAB\",\"n\":\"AA\",\"d\":\"AA\"}]}"
  }

  expect_failures = [var.admin_user_pool_jwks]
}

run "a_key_set_over_its_share_of_the_environment_is_refused" {
  command = plan

  variables {
    user_pool_jwks       = jsonencode({ keys = [{ kty = "RSA", kid = "shop", alg = "RS256", use = "sig", e = "AQAB", n = replace(format("%1200s", ""), " ", "x") }] })
    admin_user_pool_jwks = jsonencode({ keys = [{ kty = "RSA", kid = "admin", alg = "RS256", use = "sig", e = "AQAB", n = replace(format("%1199s", ""), " ", "x") }] })
  }

  expect_failures = [var.user_pool_jwks, var.admin_user_pool_jwks]
}

# The administrators' API: the same functions and routes as the shoppers', its authorizer the
# administrators' pool (its issuer, its client); each API invokes the functions under its own
# permission. CloudFront serves it under /admin, where the site's configuration sends an
# administrator's calls, signed in at the administrators' pool's domain.
run "administrators_have_their_own_api" {
  command = plan

  assert {
    condition = (
      module.admin_api.authorizer.issuer == module.auth.admin_issuer_url &&
      module.admin_api.authorizer.issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockAdmin" &&
      toset(module.admin_api.authorizer.audiences) == toset(["mockadminclient"])
    )
    error_message = "The administrators' API does not accept exactly the administrators' pool's tokens of their client: ${jsonencode(module.admin_api.authorizer)}."
  }

  assert {
    condition = (
      module.api.authorizer.issuer == module.auth.issuer_url &&
      module.api.authorizer.issuer != module.admin_api.authorizer.issuer &&
      toset(module.api.authorizer.audiences) == toset(["mocksiteclient"])
    )
    error_message = "The shoppers' API accepts another pool's tokens than the shoppers': ${jsonencode(module.api.authorizer)}."
  }

  assert {
    condition = alltrue([
      for name in ["products", "orders"] :
      module.api.lambda_permissions[name].function_name == module.admin_api.lambda_permissions[name].function_name &&
      module.api.lambda_permissions[name].statement_id != module.admin_api.lambda_permissions[name].statement_id
    ])
    error_message = "The two APIs do not invoke the same functions, or their permissions share a statement id (the second would replace the first)."
  }

  assert {
    condition = (
      output.site_config.admin.api_base_url == "/admin" &&
      output.site_config.admin.client_id == "mockadminclient" &&
      output.site_config.admin.authorize_url == "${module.auth.admin_domain_url}/oauth2/authorize" &&
      output.site_config.admin.token_url == "${module.auth.admin_domain_url}/oauth2/token" &&
      output.site_config.admin.logout_url == "${module.auth.admin_domain_url}/logout" &&
      output.site_config.admin.revoke_url == "${module.auth.admin_domain_url}/oauth2/revoke" &&
      output.site_config.admin.scopes == ["openid", "shop/orders"] &&
      startswith(module.auth.admin_domain_url, "https://serverless-shop-dev-") && endswith(module.auth.admin_domain_url, "-admin.auth.eu-west-1.amazoncognito.com")
    )
    error_message = "config.json's admin object does not send an administrator to the administrators' pool and API: ${jsonencode(output.site_config.admin)}."
  }

  # The shoppers' sign-in stays the shoppers' pool's.
  assert {
    condition = (
      output.site_config.client_id == "mocksiteclient" &&
      output.site_config.authorize_url == "${module.auth.domain_url}/oauth2/authorize" &&
      module.auth.domain_url != module.auth.admin_domain_url
    )
    error_message = "The shoppers' sign-in in config.json is not the shoppers' pool's."
  }

  assert {
    condition     = var.admin_api_throttling_rate_limit <= var.api_throttling_rate_limit && var.admin_api_throttling_burst_limit <= var.api_throttling_burst_limit
    error_message = "The administrators' API accepts more requests than the shoppers'."
  }
}

# With s3-website hosting there is no /admin behaviour: the site calls the administrators' API at its
# own URL, as it calls the shoppers'.
run "administrators_api_without_cloudfront" {
  command = plan

  variables {
    site_hosting = "s3-website"
  }

  assert {
    condition     = output.site_config.admin.api_base_url == module.admin_api.api_endpoint && output.site_config.api_base_url == module.api.api_endpoint
    error_message = "Without CloudFront the site is not sent to each API's own URL."
  }
}

run "a_private_key_in_user_pool_jwks_is_refused" {
  command = plan

  variables {
    user_pool_jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"e\":\"AQAB\",\"n\":\"AA\",\"d\":\"AA\"}]}"
  }

  expect_failures = [var.user_pool_jwks]
}

# What the functions reserve, read by the functions and by scripts/deploy's preflight: 25 by
# default, nothing with reserve_concurrency = false.
run "reserved_concurrency" {
  command = plan

  assert {
    condition = output.reserved_concurrency == {
      products = 10, products-migrate = 1, products-sweep = 1, products-images = 2, orders = 10, orders-pending-releases = 1
    }
    error_message = "The reservations are not 10 for the API functions, 2 for the image function and 1 for each job: ${jsonencode(output.reserved_concurrency)}."
  }

  assert {
    condition     = local.concurrency_reservations == "serverless-shop-dev-orders=10 serverless-shop-dev-orders-pending-releases=1 serverless-shop-dev-products=10 serverless-shop-dev-products-images=2 serverless-shop-dev-products-migrate=1 serverless-shop-dev-products-sweep=1"
    error_message = "The preflight is not given each function's name and reservation: ${local.concurrency_reservations}."
  }
}

run "no_reserved_concurrency" {
  command = plan

  variables {
    reserve_concurrency = false
  }

  assert {
    condition     = length(output.reserved_concurrency) == 6 && alltrue([for reservation in values(output.reserved_concurrency) : reservation == null])
    error_message = "reserve_concurrency = false still reserves: ${jsonencode(output.reserved_concurrency)}."
  }

  assert {
    condition     = local.concurrency_reservations == "serverless-shop-dev-orders=0 serverless-shop-dev-orders-pending-releases=0 serverless-shop-dev-products=0 serverless-shop-dev-products-images=0 serverless-shop-dev-products-migrate=0 serverless-shop-dev-products-sweep=0"
    error_message = "The preflight is not told that nothing is reserved: ${local.concurrency_reservations}."
  }
}

# The functions invoked asynchronously (the two scheduled ones, and the image function S3 invokes),
# and only they, have a failed-runs queue, each watched by the alarms.
run "failed_asynchronous_runs_are_watched" {
  command = plan

  assert {
    condition = jsonencode(module.functions.failed_event_queue_names) == jsonencode({
      products-sweep          = "serverless-shop-dev-products-sweep-failed"
      products-images         = "serverless-shop-dev-products-images-failed"
      orders-pending-releases = "serverless-shop-dev-orders-pending-releases-failed"
    })
    error_message = "Not exactly the functions invoked asynchronously have a failed-runs queue: ${jsonencode(module.functions.failed_event_queue_names)}."
  }

  assert {
    condition = toset(module.alarms.alarm_names) == toset(concat(
      ["serverless-shop-dev-alarms-api-5xx-rate", "serverless-shop-dev-alarms-api-p99-latency"],
      [for f in keys(local.function_names) : "serverless-shop-dev-alarms-${f}-throttles"],
      flatten([for f in ["products-sweep", "products-images", "orders-pending-releases"] : ["serverless-shop-dev-alarms-${f}-failed-runs", "serverless-shop-dev-alarms-${f}-failed-runs-undelivered"]]),
    ))
    error_message = "The alarms are not the API's, every function's throttles (the image function's among them) and each asynchronously invoked function's failed runs: ${jsonencode(module.alarms.alarm_names)}."
  }

  assert {
    condition     = output.dashboard_url == "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/serverless-shop-dev"
    error_message = "dashboard_url does not open the environment's dashboard: ${output.dashboard_url}."
  }
}

# Images per environment: two environments in one account keep theirs apart.
run "repositories_per_environment" {
  command = plan

  assert {
    condition     = jsonencode(module.registry.repository_names) == jsonencode({ products = "serverless-shop-dev/products", orders = "serverless-shop-dev/orders" })
    error_message = "The repositories are not the dev environment's: ${jsonencode(module.registry.repository_names)}."
  }
}

run "repositories_of_another_environment" {
  command = plan

  variables {
    environment = "staging"
  }

  assert {
    condition     = jsonencode(module.registry.repository_names) == jsonencode({ products = "serverless-shop-staging/products", orders = "serverless-shop-staging/orders" })
    error_message = "The staging environment's repositories are not its own: ${jsonencode(module.registry.repository_names)}."
  }
}

run "orders_table_from_its_definition" {
  command = plan

  assert {
    condition     = module.orders_table.table_name == "serverless-shop-dev-orders" && local.orders_environment.ORDERS_TABLE == module.orders_table.table_name
    error_message = "The orders functions are not given the environment's table."
  }

  assert {
    condition     = toset(keys(module.orders_table.index_arns)) == toset([for index in jsondecode(file(local.orders_table_file)).GlobalSecondaryIndexes : index.IndexName])
    error_message = "The table's indexes are not those of orders-table.json."
  }
}

# With the proxy the functions connect to its endpoint; the environment still plans as a whole.
run "with_the_rds_proxy" {
  command = plan

  variables {
    enable_rds_proxy = true
  }

  assert {
    condition     = strcontains(local.database_environment.PRODUCTS_DB_URL, "jdbc:mysql://${module.database.endpoint}:3306/products?")
    error_message = "The functions are not given the proxy's endpoint."
  }

  # The proxy's certificate is ACM's (a public root, in the JDK's trust store): no RDS CA bundle.
  assert {
    condition = (
      strcontains(local.database_environment.PRODUCTS_DB_URL, "sslMode=VERIFY_IDENTITY") &&
      !strcontains(local.database_environment.PRODUCTS_DB_URL, "trustCertificateKeyStore")
    )
    error_message = "Through the proxy, the URL does not verify the server against the JDK's trust store: ${local.database_environment.PRODUCTS_DB_URL}."
  }

  # The functions connect as products_app on the proxy (prx-..., from the mock's ARN).
  assert {
    condition     = jsonencode([for s in local.products_statements : [s.actions, s.resources]]) == jsonencode([[["rds-db:connect"], ["arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-mock/products_app"]], [["secretsmanager:GetSecretValue"], [aws_secretsmanager_secret.cursor_key["products"].arn]]])
    error_message = "Through the proxy, the products functions may not connect as products_app on it only: ${jsonencode(local.products_statements)}."
  }

  # The migration sets the application user's password from its secret, which the proxy logs in with.
  assert {
    condition = (
      local.migrate_environment.PRODUCTS_DB_APP_SECRET_ARN == module.database.app_secret_arn &&
      module.database.app_secret_arn == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock-secret-AbCdEf" &&
      jsonencode([for s in local.migrate_statements : [s.actions, s.resources]]) == jsonencode([[["secretsmanager:GetSecretValue"], [module.database.master_secret_arn, module.database.app_secret_arn]]])
    )
    error_message = "Through the proxy, the migration is not given (or may not read) the application user's secret, or may read more."
  }
}

# X-Ray knows Active and PassThrough only: anything else is refused before the plan.
run "an_unknown_tracing_mode_is_refused" {
  command = plan

  variables {
    tracing_mode = "Sampled"
  }

  expect_failures = [var.tracing_mode]
}

# Each API service's functions get their own cursor-key secret by ARN, never a key, and may read
# that secret alone.
run "cursor_keys" {
  command = plan

  assert {
    condition = (
      local.products_environment.SHOP_CURSORS_KEY_SECRET_ARN == aws_secretsmanager_secret.cursor_key["products"].arn &&
      local.orders_environment.SHOP_CURSORS_KEY_SECRET_ARN == aws_secretsmanager_secret.cursor_key["orders"].arn &&
      !contains(keys(local.products_environment), "SHOP_CURSORS_KEY") && !contains(keys(local.orders_environment), "SHOP_CURSORS_KEY")
    )
    error_message = "The functions do not get their own cursor-key secret's ARN, or get a key itself."
  }

  assert {
    condition = (
      one([for s in local.products_statements : s.resources if s.sid == "ReadCursorKey"]) == [aws_secretsmanager_secret.cursor_key["products"].arn] &&
      one([for s in local.orders_statements : s.resources if s.sid == "ReadCursorKey"]) == [aws_secretsmanager_secret.cursor_key["orders"].arn]
    )
    error_message = "A function may not read its cursor key, or may read the other service's."
  }

  assert {
    condition     = alltrue([for v in aws_secretsmanager_secret_version.cursor_key : v.secret_string_wo_version == 1 && v.secret_string == null])
    error_message = "A cursor key is not written write-only (it would be in the state)."
  }
}

# Behind CloudFront the two API functions, and only they, get the origin secret's ARN (never its
# value) and may read that secret, nothing more; CloudFront's API origin reads the same secret.
run "api_origin_value" {
  command = plan

  assert {
    condition = (
      local.products_api_environment.SHOP_ORIGIN_SECRET_ARN == aws_secretsmanager_secret.api_origin[0].arn &&
      local.orders_api_environment.SHOP_ORIGIN_SECRET_ARN == aws_secretsmanager_secret.api_origin[0].arn &&
      local.products_api_environment.SHOP_ORIGIN_HEADER == "X-Origin-Verify" &&
      startswith(aws_secretsmanager_secret.api_origin[0].arn, "arn:aws:secretsmanager:")
    )
    error_message = "An API function is not given the origin secret's ARN and header."
  }

  assert {
    condition = alltrue([
      for environment in [local.products_environment, local.migrate_environment, local.orders_environment] : !contains(keys(environment), "SHOP_ORIGIN_SECRET_ARN")
    ])
    error_message = "A function that takes no HTTP request (the jobs, the migration) is given the origin secret."
  }

  assert {
    condition = alltrue([
      for environment in [local.products_api_environment, local.orders_api_environment] : !contains(keys(environment), "SHOP_ORIGIN_VALUES")
    ])
    error_message = "An API function is given the origin values themselves."
  }

  assert {
    condition = alltrue([
      for statements in [local.products_api_statements, local.orders_api_statements] :
      jsonencode([for s in statements : [s.actions, s.resources] if contains(s.resources, aws_secretsmanager_secret.api_origin[0].arn)]) == jsonencode([
        [["secretsmanager:GetSecretValue"], [aws_secretsmanager_secret.api_origin[0].arn]]
      ])
    ])
    error_message = "The API functions may do more with the origin secret than read it, or read another: ${jsonencode(local.api_origin_statements)}."
  }

  assert {
    condition = alltrue([
      for s in concat(local.products_statements, local.migrate_statements, local.orders_statements, local.orders_scan_statements) : !contains(s.resources, aws_secretsmanager_secret.api_origin[0].arn)
    ])
    error_message = "A job (or the migration) may read the origin secret."
  }

  assert {
    condition = (
      aws_secretsmanager_secret_version.api_origin[0].secret_string_wo_version == 1 &&
      aws_secretsmanager_secret_version.api_origin[0].secret_string == null
    )
    error_message = "The origin value is not written write-only (it would be in the secret's state)."
  }
}

run "no_api_origin_value_without_cloudfront" {
  command = plan

  variables {
    site_hosting = "s3-website"
  }

  assert {
    condition = (
      length(aws_secretsmanager_secret.api_origin) == 0 &&
      length(local.api_origin_statements) == 0 &&
      !contains(keys(local.products_api_environment), "SHOP_ORIGIN_SECRET_ARN") &&
      !contains(keys(local.orders_api_environment), "SHOP_ORIGIN_SECRET_ARN")
    )
    error_message = "Without CloudFront the functions still require (or may read) an origin value."
  }
}
