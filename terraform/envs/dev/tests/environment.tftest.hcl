# The whole environment planned with its defaults: what it gives the modules and the functions.
# The modules' own suites (terraform/modules/*/tests) assert their resources.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
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

run "least_privilege_statements" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for statement in concat(local.products_statements, local.orders_statements, local.orders_scan_statements) : [for action in statement.actions : !strcontains(action, "*")]
    ]))
    error_message = "A function is given a \"*\" action."
  }

  assert {
    condition     = jsonencode([for s in local.products_statements : [s.actions, s.resources]]) == jsonencode([[["secretsmanager:GetSecretValue"], [module.database.master_secret_arn]]])
    error_message = "The products functions may do more than read the database secret."
  }

  assert {
    condition = alltrue(flatten([
      for s in local.orders_statements : [
        for action in s.actions : startswith(action, "dynamodb:") || startswith(action, "kms:")
      ]
    ])) && !contains(flatten([for s in local.orders_statements : s.actions]), "dynamodb:Scan")
    error_message = "The orders API may do more than use its table and key, or it may scan."
  }

  assert {
    condition = toset(flatten([for s in local.orders_statements : s.resources])) == toset(concat(
      [module.orders_table.table_arn, module.orders_table.kms_key_arn], values(module.orders_table.index_arns)
    ))
    error_message = "The orders functions reach something else than their table, its index and its key."
  }

  assert {
    condition     = one([for s in local.orders_statements : one(s.conditions).variable if contains(s.actions, "kms:Decrypt")]) == "kms:ViaService"
    error_message = "The table's key is usable outside DynamoDB."
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
}
