# scripts/deploy's applies, replayed in its order against a mocked AWS, from an empty state: the
# registry, the migrate function (which the script invokes right away), everything, then make
# destroy's first step. Each targeted run takes its plan_options.target from ../deploy-targets,
# the file the script reads: terraform/test/scripts/terraform.mjs writes this template out as a
# .tftest.hcl with those targets (a test file cannot read them itself) and runs it.
#
# After each step, the assertions name what the script's next command needs. Root outputs are
# read from the state, and an output one of whose resources was not applied is null.

# Mocked values are made at apply (the default): the runs apply, and values made at plan would be
# made again, differently, at apply.
mock_provider "aws" {
  source = "../../test/mocks"
}

# CloudFront's provider (us-east-1), mocked alike.
mock_provider "aws" {
  alias  = "cloudfront"
  source = "../../test/mocks"
}

variables {
  region = "eu-west-1"
}

# deploy, push_images(): apply -var=region=<region> <targets of registry>; then output -raw of the
# registry and of each repository, docker push to them.
run "registry" {
  assert {
    condition     = output.ecr_registry != null && output.products_repository_url != null && output.orders_repository_url != null
    error_message = "After the registry step, the outputs docker logs in and pushes to are not in state."
  }
}

# deploy, user_pool_keys(): apply -var=region=<region> <targets of user-pool>; then output -raw of each
# pool's JWK set URL, which curl reads: the keys the functions are given as user_pool_jwks (shoppers)
# and admin_user_pool_jwks (administrators).
run "user-pool" {
  assert {
    condition     = output.user_pool_jwks_url != null && endswith(output.user_pool_jwks_url, "/.well-known/jwks.json")
    error_message = "After the user-pool step, the URL of the shoppers' pool's keys is not in state (output.user_pool_jwks_url is ${jsonencode(output.user_pool_jwks_url)})."
  }

  assert {
    condition     = output.admin_user_pool_jwks_url != null && endswith(output.admin_user_pool_jwks_url, "/.well-known/jwks.json")
    error_message = "After the user-pool step, the URL of the administrators' pool's keys is not in state (output.admin_user_pool_jwks_url is ${jsonencode(output.admin_user_pool_jwks_url)})."
  }
}

# deploy, migrate(): apply with the image digests <targets of migrate>; then aws lambda invoke of the
# migrate function, in the private subnets, which reads its secret over HTTPS and connects to MySQL.
run "migrate" {
  variables {
    architecture          = "x86_64"
    products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
    orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
  }

  assert {
    condition     = output.migrate_function_name == "serverless-shop-dev-products-migrate"
    error_message = "After the migrate step, the migrate function is not in state (output.migrate_function_name is ${jsonencode(output.migrate_function_name)})."
  }

  assert {
    condition     = output.vpc_egress != null
    error_message = "After the migrate step, the private subnets' way out is not in state: the route tables, their associations, the 0.0.0.0/0 routes, the NAT gateway with its EIP, the internet gateway and the public route (output.vpc_egress is null). The function cannot reach Secrets Manager."
  }

  assert {
    condition = try(length(output.vpc_egress) == 2 && alltrue([
      for path in values(output.vpc_egress) :
      path.destination_cidr_block == "0.0.0.0/0" && path.nat_gateway_id != null && path.nat_public_ip != null && path.internet_gateway_id != null
    ]), false)
    error_message = "After the migrate step, not every private subnet routes 0.0.0.0/0 to a NAT gateway with a public IP behind the internet gateway: ${jsonencode(output.vpc_egress)}."
  }

  assert {
    condition     = try(output.vpc_function_rules.https_egress != null && output.vpc_function_rules.mysql_egress != null && length(output.vpc_function_rules.mysql_ingress) == 1, false)
    error_message = "After the migrate step, the security group rules are not in state: HTTPS out, MySQL out to the database, MySQL into the database from its clients (output.vpc_function_rules is ${jsonencode(output.vpc_function_rules)}). A new group has no egress rule: the function can reach nothing."
  }

  assert {
    condition     = try(output.database.instance, null) == "serverless-shop-dev-products"
    error_message = "After the migrate step, the database instance is not in state."
  }

  # The migration logs in with the master secret (RDS makes it with the instance) and creates
  # products_app for IAM logins (the role's rds-db:connect names the instance's resource id). The
  # step also creates the scheduled functions' failed-runs queues: every role's policy is read from
  # them (a function's own queue only), so the migrate function's role depends on them too.
  assert {
    condition = try(
      startswith(module.database.master_secret_arn, "arn:aws:secretsmanager:") &&
      module.database.app_connect_arn == "arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-MOCKRESOURCEID/products_app",
      false
    )
    error_message = "After the migrate step, the master secret the migration reads, or the instance products_app connects to, is not in state."
  }
}

# deploy, apply_all() then upload_site() and summary(): output -raw of the bucket, the distribution
# and the addresses.
run "everything" {
  variables {
    architecture          = "x86_64"
    products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
    orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
  }

  assert {
    condition = alltrue([
      for value in [output.site_bucket, output.cloudfront_distribution_id, output.site_url, output.api_url, output.sign_in_url, output.user_pool_id, output.admin_api_url, output.admin_sign_in_url, output.admin_user_pool_id] : value != null
    ])
    error_message = "After the full apply, an output the site upload or the summary reads is not in state."
  }

  assert {
    # Six, and order-events (order-mails only with mail_from, which the script does not pass).
    condition     = length(output.function_names) == 7 && output.event_bus_name != null
    error_message = "After the full apply, not every function (or the orders bus) is in state: ${jsonencode(output.function_names)}."
  }

  # The image function's bucket and its failed-runs queue exist after the full apply.
  assert {
    condition     = output.images_bucket != null && output.failed_event_queue_urls["products-images"] != null
    error_message = "After the full apply, the images bucket or the image function's failed-runs queue is not in state."
  }
}

# destroy: apply -var=region=<region> -var=db_deletion_protection=false <targets of
# unprotect-database>; then terraform destroy, which RDS refuses while deletion protection is on.
# terraform test ends the file by destroying what it applied, with the last run's variables: the
# script's terraform destroy, which fails the suite if it fails.
run "unprotect-database" {
  variables {
    db_deletion_protection = false
  }

  assert {
    condition     = try(output.database.deletion_protection, null) == false
    error_message = "After the unprotect-database step, the database still refuses deletion: terraform destroy would fail."
  }
}
