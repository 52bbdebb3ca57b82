# The products database as planned, with the inputs the environment gives it by default.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name       = "serverless-shop-dev-products"
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
  region     = "eu-west-1"
}

run "rds_encrypted_private_with_a_managed_password" {
  command = plan

  # CKV_AWS_16
  assert {
    condition     = aws_db_instance.this.storage_encrypted == true
    error_message = "RDS storage is not encrypted."
  }

  # CKV_AWS_17
  assert {
    condition     = aws_db_instance.this.publicly_accessible == false
    error_message = "RDS is publicly accessible."
  }

  assert {
    condition     = toset(aws_db_subnet_group.this.subnet_ids) == toset(var.subnet_ids) && aws_db_instance.this.db_subnet_group_name == aws_db_subnet_group.this.name
    error_message = "RDS is not in the subnets it is given."
  }

  # The password is RDS's, in Secrets Manager: none in Terraform or its state.
  assert {
    condition     = aws_db_instance.this.manage_master_user_password == true && aws_db_instance.this.password == null
    error_message = "The master password is not managed by RDS."
  }

  # CKV_AWS_293, CKV_AWS_133
  assert {
    condition     = aws_db_instance.this.deletion_protection == true && aws_db_instance.this.backup_retention_period >= 7
    error_message = "RDS deletion protection is off, or backups are kept less than 7 days, by default."
  }

  assert {
    condition     = aws_db_instance.this.engine == "mysql" && startswith(aws_db_instance.this.engine_version, "8.")
    error_message = "The database is not MySQL 8."
  }

  assert {
    condition     = contains([for p in aws_db_parameter_group.this.parameter : "${p.name}=${p.value}"], "require_secure_transport=1") && aws_db_instance.this.parameter_group_name == aws_db_parameter_group.this.name
    error_message = "RDS accepts unencrypted connections (require_secure_transport is not 1)."
  }

  assert {
    condition     = length(aws_db_proxy.this) == 0 && length(aws_secretsmanager_secret.app) == 0 && output.app_secret_arn == null
    error_message = "RDS Proxy, or the application user's secret it needs, is there by default."
  }
}

# The products functions log in as the application user with an IAM token: the instance accepts
# them, and a role may connect as that user on this instance only (the mock's resource id).
run "application_user_with_iam_authentication" {
  command = plan

  assert {
    condition     = aws_db_instance.this.iam_database_authentication_enabled == true
    error_message = "IAM database authentication is off: the application user cannot log in with a token."
  }

  assert {
    condition     = output.app_username == "products_app" && output.app_connect_arn == "arn:aws:rds-db:eu-west-1:123456789012:dbuser:db-MOCKRESOURCEID/products_app"
    error_message = "rds-db:connect is not for products_app on this instance: ${output.app_connect_arn}."
  }
}

run "only_the_clients_group_reaches_mysql" {
  command = plan

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.client_to_endpoint.from_port == 3306 && aws_vpc_security_group_egress_rule.client_to_endpoint.to_port == 3306 &&
      aws_vpc_security_group_egress_rule.client_to_endpoint.cidr_ipv4 == null
    )
    error_message = "The clients' group may go elsewhere than to MySQL of the database."
  }

  assert {
    condition = jsonencode(keys(aws_vpc_security_group_ingress_rule.db_from_clients)) == jsonencode(["clients"]) && alltrue([
      for rule in values(aws_vpc_security_group_ingress_rule.db_from_clients) : rule.from_port == 3306 && rule.to_port == 3306 && rule.cidr_ipv4 == null
    ])
    error_message = "The database lets in something else than its clients' group on 3306."
  }
}

run "proxy_requires_tls" {
  command = plan

  variables {
    enable_proxy = true
  }

  assert {
    condition     = aws_db_proxy.this[0].require_tls == true
    error_message = "The proxy does not require TLS."
  }

  # The migration logs in with the master password; the functions with IAM tokens only. The proxy
  # itself logs in to MySQL with each user's secret.
  assert {
    condition = toset([for a in aws_db_proxy.this[0].auth : "${a.iam_auth} ${a.auth_scheme} ${a.secret_arn}"]) == toset([
      "DISABLED SECRETS ${output.master_secret_arn}",
      "REQUIRED SECRETS ${aws_secretsmanager_secret.app[0].arn}",
    ]) && length(aws_db_proxy.this[0].auth) == 2
    error_message = "The proxy's logins are not the master user's (password) and the application user's (IAM only)."
  }

  # The operator puts the application user's password in (no value in Terraform or its state: the
  # module has no aws_secretsmanager_secret_version); the migration and the proxy read it.
  assert {
    condition     = length(aws_secretsmanager_secret.app) == 1 && output.app_secret_arn == aws_secretsmanager_secret.app[0].arn
    error_message = "With the proxy, the application user has no secret of its own."
  }

  assert {
    condition     = toset(one(data.aws_iam_policy_document.proxy_secret[0].statement).resources) == toset([output.master_secret_arn, output.app_secret_arn])
    error_message = "The proxy's role reads other secrets than the two users'."
  }

  # Clients connect to the proxy: its resource id (prx-..., from its ARN) in rds-db:connect.
  assert {
    condition     = output.app_connect_arn == "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-mock/products_app"
    error_message = "With the proxy, rds-db:connect is not for products_app on the proxy: ${output.app_connect_arn}."
  }

  assert {
    condition     = jsonencode(keys(aws_vpc_security_group_ingress_rule.db_from_clients)) == jsonencode(["proxy"])
    error_message = "With a proxy, the database lets in another group than the proxy's."
  }
}
