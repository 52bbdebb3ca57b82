output "site_url" {
  description = "The shop."
  value       = module.site.url
}

output "api_url" {
  description = "The API directly (behind CloudFront it is also at site_url)."
  value       = module.api.api_endpoint
}

output "admin_api_url" {
  description = "The administrators' API directly (behind CloudFront it is at site_url/admin)."
  value       = module.admin_api.api_endpoint
}

output "sign_in_url" {
  description = "The shoppers' hosted sign-in domain (Cognito)."
  value       = module.auth.domain_url
}

output "admin_sign_in_url" {
  description = "The administrators' hosted sign-in domain (Cognito; a TOTP code at every sign-in)."
  value       = module.auth.admin_domain_url
}

output "user_pool_jwks_url" {
  description = "Where the shoppers' user pool publishes its signing keys: scripts/deploy delivers them to the functions (user_pool_jwks)."
  value       = module.auth.jwks_url
}

output "admin_user_pool_jwks_url" {
  description = "Where the administrators' user pool publishes its signing keys: scripts/deploy delivers them to the functions (admin_user_pool_jwks)."
  value       = module.auth.admin_jwks_url
}

output "user_pool_id" {
  description = "The shoppers' user pool."
  value       = module.auth.user_pool_id
}

output "admin_user_pool_id" {
  description = "The administrators' user pool: create each administrator in it and add them to its admin group (terraform/README.md)."
  value       = module.auth.admin_user_pool_id
}

output "site_config" {
  description = "What /config.json holds."
  value       = local.site_config
}

output "site_bucket" {
  description = "Where scripts/deploy uploads the site."
  value       = module.site.bucket
}

output "cloudfront_distribution_id" {
  description = "Invalidated by scripts/deploy after an upload (empty with s3-website hosting)."
  value       = module.site.distribution_id
}

output "waf_log_group" {
  description = "WAF's log of blocked and counted requests (CloudWatch Logs in US East, N. Virginia; null with s3-website hosting)."
  value       = one(module.waf[*].log_group_name)
}

output "ecr_registry" {
  description = "The registry docker logs in to."
  value       = module.registry.registry
}

output "ecr_repository_urls" {
  description = "Where scripts/deploy pushes each image (repositories <project>-<environment>/<image>)."
  value       = module.registry.repository_urls
}

output "products_repository_url" {
  description = "Where scripts/deploy pushes the products image."
  value       = module.registry.repository_urls["products"]
}

output "orders_repository_url" {
  description = "Where scripts/deploy pushes the orders image."
  value       = module.registry.repository_urls["orders"]
}

output "function_names" {
  description = "Every function, by short name."
  value       = local.function_names
}

output "migrate_function_name" {
  description = "Invoked by scripts/deploy once per release, before the new code takes traffic."
  value       = module.functions.function_names["products-migrate"]
}

output "reserved_concurrency" {
  description = "Each function's reserved concurrency (null: none, reserve_concurrency = false)."
  value       = local.reserved_concurrency
}

output "failed_event_queue_urls" {
  description = "Where a run of a scheduled function, of the image function or of the mail function lands when every attempt failed (an alarm fires); read with aws sqs receive-message --queue-url <url>."
  value       = merge(module.functions.failed_event_queue_urls, module.event_functions.failed_event_queue_urls)
}

output "event_bus_name" {
  description = "The orders' EventBridge bus, where the order events are published."
  value       = module.events.bus_name
}

output "order_events_dead_letter_queue_urls" {
  description = "The order events' queues of failures: order-events (stream batches not published: shard and sequence numbers) and order-mails-undelivered (events EventBridge could not hand to the mail function)."
  value       = module.events.dead_letter_queue_urls
}

output "mail_identity" {
  description = "What SES verifies for the order mails' sender (the address, or its domain); null without mail_from."
  value       = module.events.mail_identity
}

output "mail_dkim_records" {
  description = "With mail_verify_domain, the CNAME records (name -> value) to publish in the sender domain's DNS."
  value       = module.events.dkim_records
}

output "alarm_topic_arn" {
  description = "The SNS topic the alarms notify (subscribe to it, or set alarm_email)."
  value       = module.alarms.topic_arn
}

output "nat_public_ips" {
  description = "The address(es) the products functions' outbound traffic comes from."
  value       = module.network.nat_public_ips
}

# What the functions in the VPC need before they can work, as applied: the migrate function, invoked
# right after its targeted apply, reads its secret over HTTPS and connects to MySQL.
output "vpc_egress" {
  description = "Per AZ, how the private subnets of the functions and the database reach the internet (route table, NAT gateway, its public IP)."
  value       = module.network.private_egress
}

output "vpc_function_rules" {
  description = "The security group rules of the functions in the VPC: HTTPS out, MySQL out to the database, MySQL in from them."
  value = {
    https_egress  = module.network.https_egress_rule_id
    mysql_egress  = module.database.client_rule_ids.egress_to_endpoint
    mysql_ingress = module.database.client_rule_ids.ingress
  }
}

output "database" {
  description = "The products database instance, and whether it refuses deletion (make destroy turns that off first)."
  value = {
    instance            = module.database.instance_identifier
    deletion_protection = module.database.deletion_protection
  }
}

output "dashboard_url" {
  description = "The CloudWatch dashboard: orders, sell-outs, API 5xx and p99, each function's errors, throttles, duration and cold starts."
  value       = module.dashboard.dashboard_url
}

output "images_bucket" {
  description = "The product images' bucket: uploads/ (originals waiting for the image function, expired after a day) and images/ (the sizes CloudFront serves under /images/*)."
  value       = module.images.bucket
}
