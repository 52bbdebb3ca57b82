# Through the proxy, the endpoint answers once the instance is registered as its target.
output "endpoint" {
  description = "Host the clients connect to: the proxy's when enabled, else the instance's."
  value       = var.enable_proxy ? aws_db_proxy.this[0].endpoint : aws_db_instance.this.address

  depends_on = [aws_db_proxy_target.this]
}

output "port" {
  description = "MySQL port."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "The schema."
  value       = aws_db_instance.this.db_name
}

output "master_secret_arn" {
  description = "The RDS-managed master secret (JSON with username and password): the migration's only."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

# The group is handed out with what makes it work: its MySQL egress rule and the ingress rules of
# the database (and of the proxy) that let it in. A -target apply of a client then creates them too.
output "client_security_group_id" {
  description = "Attach to anything that connects to the database."
  value       = aws_security_group.client.id

  depends_on = [
    aws_vpc_security_group_egress_rule.client_to_endpoint,
    aws_vpc_security_group_ingress_rule.db_from_clients,
    aws_vpc_security_group_ingress_rule.proxy_from_clients,
    aws_vpc_security_group_egress_rule.proxy_to_db,
  ]
}

output "instance_identifier" {
  description = "The DB instance."
  value       = aws_db_instance.this.identifier
}

output "app_username" {
  description = "The database user the products functions connect as."
  value       = var.app_username
}

output "app_connect_arn" {
  description = "The rds-db:connect resource of the application user on the endpoint (instance or proxy): all a client's role needs."
  value       = local.app_connect_arn
}

output "app_secret_arn" {
  description = "With enable_proxy: the application user's password, for the proxy and the migration; else null (IAM only)."
  value       = var.enable_proxy ? aws_secretsmanager_secret.app[0].arn : null
}

output "client_rule_ids" {
  description = "The rules that let the clients' group reach MySQL: its egress rule, and the ingress rules of the database (and of the proxy, when enabled)."
  value = {
    egress_to_endpoint = aws_vpc_security_group_egress_rule.client_to_endpoint.id
    ingress            = { for key, rule in merge(aws_vpc_security_group_ingress_rule.db_from_clients, { for i, r in aws_vpc_security_group_ingress_rule.proxy_from_clients : "proxy_from_clients" => r }) : key => rule.id }
  }
}

output "deletion_protection" {
  description = "Whether the instance refuses to be deleted (make destroy turns it off first)."
  value       = aws_db_instance.this.deletion_protection
}
