# RDS for MySQL in the private subnets: encrypted, never public, TLS required, and a master password
# that RDS generates and keeps in Secrets Manager (it never appears in Terraform or its state).
# The products functions connect as the clients this module lets in: the instance itself, or an
# RDS Proxy in front of it when enable_proxy is set (pooling for many concurrent functions).
#
# Two database users: the master user, for the migration only (DDL; its secret rotates every 7 days);
# and the application user (app_username) that the products functions connect as, which the migration
# creates with DML on the service's tables only. The application user logs in with IAM database
# authentication (a token the function's role signs; no password exists), so rotation never
# concerns it. Through the proxy, clients still use IAM, but the proxy logs in to MySQL with a
# password: the application user then has one, in a secret of its own (below).

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # "8.4" or "8.4.5" -> parameter group family "mysql8.4"
  family = "mysql${join(".", slice(split(".", var.engine_version), 0, 2))}"

  # Who connects to the instance: the proxy when there is one, else the clients themselves.
  instance_clients = var.enable_proxy ? { proxy = aws_security_group.proxy[0].id } : { clients = aws_security_group.client.id }
  endpoint_group   = var.enable_proxy ? aws_security_group.proxy[0].id : aws_security_group.db.id

  # rds-db:connect names what the clients connect to by its resource id: the instance's (db-...), or
  # the proxy's (prx-..., the last part of its ARN), then the database user.
  connect_resource_id = var.enable_proxy ? element(split(":", aws_db_proxy.this[0].arn), 6) : aws_db_instance.this.resource_id
  app_connect_arn     = "arn:${data.aws_partition.current.partition}:rds-db:${var.region}:${data.aws_caller_identity.current.account_id}:dbuser:${local.connect_resource_id}/${var.app_username}"
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "The products database: MySQL from its clients or its proxy only"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-db" }
}

# Attached to whatever may connect (the products functions): it may reach the database, nothing else.
resource "aws_security_group" "client" {
  name        = "${var.name}-client"
  description = "Clients of the products database"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-client" }

  # Lambda releases a function's network interfaces some time after the function is deleted; the
  # group cannot go before they do.
  timeouts {
    delete = "45m"
  }
}

resource "aws_vpc_security_group_egress_rule" "client_to_endpoint" {
  security_group_id            = aws_security_group.client.id
  description                  = "MySQL to the database or its proxy"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = local.endpoint_group
}

resource "aws_vpc_security_group_ingress_rule" "db_from_clients" {
  for_each = local.instance_clients

  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = each.value
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = local.family

  # Refuse unencrypted connections, whoever the client is.
  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
}

resource "aws_db_instance" "this" {
  identifier     = var.name
  engine         = "mysql"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name                     = var.database_name
  username                    = var.master_username
  manage_master_user_password = true
  # The application user logs in with a token signed by the function's role (rds-db:connect).
  iam_database_authentication_enabled = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period    = var.backup_retention_days
  copy_tags_to_snapshot      = true
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = var.skip_final_snapshot
  final_snapshot_identifier  = var.skip_final_snapshot ? null : "${var.name}-final"
  auto_minor_version_upgrade = true
}

# ---- RDS Proxy (optional) -------------------------------------------------------------------------
# Pools connections for many concurrent function instances. Clients authenticate to it as they do to
# the instance: the functions as the application user with IAM tokens (iam_auth REQUIRED), the
# migration as the master user with the master secret's password. The proxy itself logs in to MySQL
# with a secret per user: the master secret, and the application user's secret below. (End-to-end
# IAM, without that secret, needs a newer provider than 5.100: default_auth_scheme.)

# The application user's password for the proxy. Terraform makes the secret but puts no value in it:
# a password in Terraform would sit in its state, and the provider's ephemeral passwords cannot be
# mocked by `terraform test`. The operator puts one in once, before the first migration (the
# products README shows the command); the migration sets it on the user, the proxy logs in with it.
resource "aws_secretsmanager_secret" "app" {
  count = var.enable_proxy ? 1 : 0

  name_prefix             = "${var.name}-app-"
  description             = "Password of the products database user ${var.app_username} (JSON: username, password), for the RDS Proxy and the migration"
  recovery_window_in_days = 7
}

resource "aws_security_group" "proxy" {
  count = var.enable_proxy ? 1 : 0

  name        = "${var.name}-proxy"
  description = "RDS Proxy of the products database"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-proxy" }
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_clients" {
  count = var.enable_proxy ? 1 : 0

  security_group_id            = aws_security_group.proxy[0].id
  description                  = "MySQL from the database clients"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.client.id
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_db" {
  count = var.enable_proxy ? 1 : 0

  security_group_id            = aws_security_group.proxy[0].id
  description                  = "MySQL to the instance"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.db.id
}

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

# The proxy reads the two users' secrets, and only them. They are encrypted with the AWS-managed
# Secrets Manager key, whose key policy already lets Secrets Manager decrypt for this account.
data "aws_iam_policy_document" "proxy_secret" {
  count = var.enable_proxy ? 1 : 0

  statement {
    sid       = "ReadTheUsersSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_db_instance.this.master_user_secret[0].secret_arn, aws_secretsmanager_secret.app[0].arn]
  }
}

resource "aws_iam_role" "proxy" {
  count = var.enable_proxy ? 1 : 0

  name               = "${var.name}-proxy"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json
}

resource "aws_iam_role_policy" "proxy" {
  count = var.enable_proxy ? 1 : 0

  name   = "read-user-secrets"
  role   = aws_iam_role.proxy[0].id
  policy = data.aws_iam_policy_document.proxy_secret[0].json
}

resource "aws_db_proxy" "this" {
  count = var.enable_proxy ? 1 : 0

  name                   = var.name
  engine_family          = "MYSQL"
  role_arn               = aws_iam_role.proxy[0].arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy[0].id]
  require_tls            = true
  idle_client_timeout    = 1800

  # The migration, as the master user, with its password.
  auth {
    description               = "master user (migrations)"
    auth_scheme               = "SECRETS"
    iam_auth                  = "DISABLED"
    client_password_auth_type = "MYSQL_CACHING_SHA2_PASSWORD"
    secret_arn                = aws_db_instance.this.master_user_secret[0].secret_arn
  }

  # The functions, as the application user, with IAM tokens only.
  auth {
    description = "application user (products functions)"
    auth_scheme = "SECRETS"
    iam_auth    = "REQUIRED"
    secret_arn  = aws_secretsmanager_secret.app[0].arn
  }

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  count = var.enable_proxy ? 1 : 0

  db_proxy_name = aws_db_proxy.this[0].name

  connection_pool_config {
    max_connections_percent = 90
  }
}

resource "aws_db_proxy_target" "this" {
  count = var.enable_proxy ? 1 : 0

  db_proxy_name          = aws_db_proxy.this[0].name
  target_group_name      = aws_db_proxy_default_target_group.this[0].name
  db_instance_identifier = aws_db_instance.this.identifier
}
