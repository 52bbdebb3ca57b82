# ---- where ----------------------------------------------------------------------------------------

variable "region" {
  description = "AWS region of the whole environment (scripts/deploy passes AWS_REGION)."
  type        = string
}

variable "project" {
  description = "First part of every name."
  type        = string
  default     = "serverless-shop"
}

variable "environment" {
  description = "Second part of every name, and the Environment tag."
  type        = string
  default     = "dev"
}

# ---- images (scripts/deploy passes the digests it pushed) ------------------------------------------

variable "products_image_digest" {
  description = "Digest (sha256:...) of the products image in its ECR repository."
  type        = string
  default     = null

  validation {
    condition     = var.products_image_digest == null || can(regex("^sha256:[0-9a-f]{64}$", var.products_image_digest))
    error_message = "products_image_digest must be an image digest: sha256: and 64 hex digits."
  }
}

variable "orders_image_digest" {
  description = "Digest (sha256:...) of the orders image in its ECR repository."
  type        = string
  default     = null

  validation {
    condition     = var.orders_image_digest == null || can(regex("^sha256:[0-9a-f]{64}$", var.orders_image_digest))
    error_message = "orders_image_digest must be an image digest: sha256: and 64 hex digits."
  }
}

variable "architecture" {
  description = "Instruction set of the images and functions: x86_64 or arm64."
  type        = string
  default     = "x86_64"
}

# ---- functions ------------------------------------------------------------------------------------

variable "api_memory_mb" {
  description = "Memory of the API functions (products, orders); CPU grows with it, and so does cold start speed."
  type        = number
  default     = 1024
}

variable "api_timeout_seconds" {
  description = "Timeout of the API functions; API Gateway gives up after 30 s anyway."
  type        = number
  default     = 29
}

variable "reserve_concurrency" {
  description = <<-EOT
    Reserve concurrency for every function: products_reserved_concurrency, orders_reserved_concurrency
    and 1 for each job (23 by default). Lambda refuses reservations that leave fewer than 100
    executions of the account's quota unreserved, so this needs a quota of at least 123 (new accounts
    may have 10; scripts/deploy checks it first). false deploys without reservations, and loses what
    they give: nothing caps the products function's database connections (about 2 per instance,
    against the instance's connection limit) nor any function's cost, a busy function can take the
    whole account's concurrency from the others, and the jobs are no longer kept to one run at a time.
  EOT
  type        = bool
  default     = true
}

variable "products_reserved_concurrency" {
  description = "Most products instances at once (with reserve_concurrency); each holds up to PRODUCTS_DB_POOL_SIZE (2) database connections."
  type        = number
  default     = 10
}

variable "orders_reserved_concurrency" {
  description = "Most orders instances at once (with reserve_concurrency)."
  type        = number
  default     = 10
}

variable "job_memory_mb" {
  description = "Memory of the migrate, sweep and pending-releases functions."
  type        = number
  default     = 1024
}

variable "migrate_timeout_seconds" {
  description = "Timeout of the migrate function."
  type        = number
  default     = 300
}

variable "job_timeout_seconds" {
  description = "Timeout of the sweep and pending-releases functions."
  type        = number
  default     = 60
}

variable "image_memory_mb" {
  description = "Memory of the image function (products-images): an original of up to 5 MiB decoded (about 40 megapixels at most, 4 bytes each) and scaled, and the CPU that comes with memory."
  type        = number
  default     = 1536
}

variable "image_timeout_seconds" {
  description = "Timeout of the image function: one upload checked, decoded, scaled to two widths and written."
  type        = number
  default     = 60
}

variable "sweep_schedule" {
  description = "How often expired stock reservations are swept."
  type        = string
  default     = "rate(1 minute)"
}

variable "pending_releases_schedule" {
  description = "How often cancelled orders' pending stock releases are retried."
  type        = string
  default     = "rate(5 minutes)"
}

variable "log_retention_days" {
  description = "Days function and API access logs are kept."
  type        = number
  default     = 30
}

# ---- API ------------------------------------------------------------------------------------------

variable "api_throttling_rate_limit" {
  description = "Requests per second the API stage accepts before answering 429."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Request burst the API stage accepts."
  type        = number
  default     = 100
}

variable "admin_api_throttling_rate_limit" {
  description = "Requests per second the administrators' API stage (/admin) accepts before answering 429: a few people use it."
  type        = number
  default     = 10
}

variable "admin_api_throttling_burst_limit" {
  description = "Request burst the administrators' API stage accepts."
  type        = number
  default     = 20
}

variable "order_creation_throttling_rate_limit" {
  description = "Requests per second POST /orders accepts, all customers together, before the stage answers 429."
  type        = number
  default     = 10
}

variable "order_creation_throttling_burst_limit" {
  description = "Request burst POST /orders accepts, all customers together."
  type        = number
  default     = 20
}

variable "orders_per_customer_limit" {
  description = "New orders one customer may start per orders_per_customer_window (the orders service counts them in DynamoDB; 429 beyond). 0 turns the limit off."
  type        = number
  default     = 10
}

variable "orders_per_customer_window" {
  description = "The window of orders_per_customer_limit, as a duration the service reads (e.g. 60s, 1h)."
  type        = string
  default     = "60s"
}

variable "orders_max_open_units_per_product" {
  description = "Units of one product one customer may hold in open (PENDING or CONFIRMED) orders; an order over it is 409 OPEN_UNITS_LIMIT and reserves nothing. 0 turns the limit off."
  type        = number
  default     = 20

  validation {
    condition     = var.orders_max_open_units_per_product >= 0 && floor(var.orders_max_open_units_per_product) == var.orders_max_open_units_per_product
    error_message = "orders_max_open_units_per_product must be a whole number, 0 (off) or more."
  }
}

# ---- network and database -------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "The VPC's address range."
  type        = string
  default     = "10.20.0.0/16"
}

variable "nat_gateway_per_az" {
  description = "A NAT gateway in each AZ instead of one (survives an AZ outage, costs one more gateway)."
  type        = bool
  default     = false
}

variable "db_engine_version" {
  description = "MySQL 8 version of the products database."
  type        = string
  default     = "8.4"
}

variable "db_instance_class" {
  description = "Instance class of the products database."
  type        = string
  default     = "db.t4g.micro"
}

variable "db_multi_az" {
  description = "A standby instance in the second AZ."
  type        = bool
  default     = false
}

variable "db_backup_retention_days" {
  description = "Days of automated backups of the products database."
  type        = number
  default     = 7
}

variable "db_deletion_protection" {
  description = "Refuse to delete the products database; make destroy turns it off first, on purpose."
  type        = bool
  default     = true
}

variable "db_skip_final_snapshot" {
  description = "Delete the database without a final snapshot on destroy (a demo's data is disposable)."
  type        = bool
  default     = true
}

variable "enable_rds_proxy" {
  description = "Put an RDS Proxy between the products functions and the database."
  type        = bool
  default     = false
}

variable "orders_table_deletion_protection" {
  description = "Refuse to delete the orders table."
  type        = bool
  default     = false
}

variable "user_pool_deletion_protection" {
  description = "Refuse to delete the Cognito user pool."
  type        = bool
  default     = false
}

# ---- site -----------------------------------------------------------------------------------------

variable "site_hosting" {
  description = "cloudfront (private bucket, HTTPS, API on the same origin) or s3-website (public bucket over HTTP: weaker, see the README)."
  type        = string
  default     = "cloudfront"

  validation {
    condition     = contains(["cloudfront", "s3-website"], var.site_hosting)
    error_message = "site_hosting must be cloudfront or s3-website."
  }
}

variable "extra_callback_urls" {
  description = "More URLs the hosted sign-in may return to, besides the site: by default the Vite dev server, so a local `npm run dev` can sign in against this environment."
  type        = list(string)
  default     = ["http://localhost:5173/"]
}

variable "force_destroy" {
  description = "Let make destroy delete the site bucket, the product images' bucket and the image repositories with their contents."
  type        = bool
  default     = true
}

# ---- the edge: WAF in front of CloudFront (terraform/README.md, "The edge") -----------------------

variable "waf_evaluation_window_seconds" {
  description = "The window WAF's rate-based rules count over: 60, 120, 300 or 600 seconds."
  type        = number
  default     = 60
}

variable "waf_ip_rate_limit" {
  description = "Requests one IP address may send to the distribution (site and API) in the window, then WAF answers 403."
  type        = number
  default     = 600
}

variable "waf_token_rate_limit" {
  description = "Requests one access token (one Authorization header value) may send in the window, then WAF answers 403."
  type        = number
  default     = 300
}

variable "waf_order_creation_token_rate_limit" {
  description = "POST /orders requests one access token may send in the window: above orders_per_customer_limit, so a customer who orders often meets the service's own 429 first, and a flood is cut before it takes the stage's POST /orders throttle, shared by everyone."
  type        = number
  default     = 30
}

# ---- order events and mails -------------------------------------------------------------------

variable "mail_from" {
  description = "The address the order mails come from (ORDER_MAILS_FROM), verified in SES; null: no order mails (the order events are published all the same)."
  type        = string
  default     = null
}

variable "mail_verify_domain" {
  description = "Verify mail_from's whole domain in SES (publish the output mail_dkim_records in its DNS) instead of the address alone (SES mails it a link)."
  type        = bool
  default     = false
}

variable "order_events_memory_mb" {
  description = "Memory of the order-events and order-mails functions (each starts the orders application)."
  type        = number
  default     = 1024
}

variable "order_events_timeout_seconds" {
  description = "Timeout of the order-events and order-mails functions: a batch of 100 stream records published, or one mail sent."
  type        = number
  default     = 60
}

# ---- alarms ---------------------------------------------------------------------------------------

variable "alarm_email" {
  description = "Address that receives the alarms (confirm the subscription e-mail); null for none."
  type        = string
  default     = null
}

variable "alarm_5xx_rate_percent" {
  description = "API 5xx rate (%) that raises an alarm."
  type        = number
  default     = 5
}

variable "alarm_p99_latency_ms" {
  description = "API p99 latency (ms) that raises an alarm."
  type        = number
  default     = 3000
}

# ---- tracing --------------------------------------------------------------------------------------

variable "tracing_mode" {
  description = "X-Ray tracing of the API functions (products, orders): Active records the sampled requests' Lambda segments (X-Ray is billed per trace recorded); PassThrough records none. The functions pass the trace header on and log trace.id either way. The cold-start cost measured is in BENCHMARKS.md."
  type        = string
  default     = "Active"

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing_mode)
    error_message = "tracing_mode is Active or PassThrough."
  }
}

# ---- the API's origin value -----------------------------------------------------------------------

variable "api_origin_value_version" {
  description = "Raise it (and apply) for a new value of what CloudFront adds to its API requests (X-Origin-Verify). The functions accept the new and the previous value while CloudFront changes over; see \"The edge\" in terraform/README.md."
  type        = number
  default     = 1

  validation {
    condition     = var.api_origin_value_version >= 1 && floor(var.api_origin_value_version) == var.api_origin_value_version
    error_message = "api_origin_value_version is a whole number, 1 or more."
  }
}

variable "user_pool_jwks" {
  description = <<-EOT
    The user pool's JWK set (JSON, https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json),
    delivered to the functions as SHOP_JWT_JWKS so that they verify tokens without fetching keys at a
    cold start. scripts/deploy fetches it after the pool exists; empty: the functions fetch it themselves.
  EOT
  type        = string
  default     = ""

  validation {
    # Public keys only, and small enough for Lambda's 4 KB of environment beside the administrators'
    # set and the other variables (a pool's set of two RSA keys is about 900 characters).
    condition = var.user_pool_jwks == "" || (
      can(length(jsondecode(var.user_pool_jwks).keys)) &&
      length(var.user_pool_jwks) <= 1280 &&
      alltrue([for key in try(jsondecode(var.user_pool_jwks).keys, []) : !can(key.d)])
    )
    error_message = "user_pool_jwks: a JWK set ({\"keys\": [...]}) of public keys, at most 1,280 characters."
  }
}

variable "admin_user_pool_jwks" {
  description = <<-EOT
    The administrators' user pool's JWK set (JSON, https://cognito-idp.<region>.amazonaws.com/<admin pool>/.well-known/jwks.json),
    delivered to the functions as SHOP_ADMIN_JWT_JWKS, as user_pool_jwks is for the shoppers' pool.
    scripts/deploy fetches it after the pool exists; empty: the functions fetch it themselves.
  EOT
  type        = string
  default     = ""

  validation {
    # As user_pool_jwks; both sets together leave room for the rest of the functions' environment.
    condition = var.admin_user_pool_jwks == "" || (
      can(length(jsondecode(var.admin_user_pool_jwks).keys)) &&
      length(var.admin_user_pool_jwks) <= 1280 &&
      alltrue([for key in try(jsondecode(var.admin_user_pool_jwks).keys, []) : !can(key.d)])
    )
    error_message = "admin_user_pool_jwks: a JWK set ({\"keys\": [...]}) of public keys, at most 1,280 characters."
  }
}
