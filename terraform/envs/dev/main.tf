# The dev environment: the whole shop in one AWS account and region (but the web ACL, which a
# CloudFront distribution needs in US East, N. Virginia).
#   browser -> CloudFront (behind a WAF web ACL) -> S3 (site) | API Gateway (/products*, /categories*,
#   /orders*, /customers*) | the administrators' API Gateway (/admin/*, the same routes, the prefix taken off)
#   API Gateway -> Lambda products (VPC) -> RDS MySQL ; Lambda orders -> DynamoDB
#   orders -> Lambda products directly (Invoke, its own IAM role; the stock reservations have no route)
#   browser -> S3 images bucket (presigned POST to uploads/) -> Lambda products-images (VPC) -> RDS,
#   images/ ; CloudFront /images/* -> the images bucket
#   orders table stream -> Lambda order-events -> EventBridge bus (orders) -> rule order-mails ->
#   Lambda order-mails -> Cognito (the shopper's address), SES
# Images are built and pushed by scripts/deploy, which passes their digests in.

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# CloudFront's global resources (here its WAF web ACL) live in US East (N. Virginia), whatever the
# environment's region.
provider "aws" {
  alias  = "cloudfront"
  region = "us-east-1"

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  # ---- names and tags: everything is named <project>-<environment>[-<part>] and tagged alike ----
  name_prefix = "${var.project}-${var.environment}"
  tags = {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
    Source      = "serverless-shop/terraform/envs/${var.environment}"
  }
  names = {
    network      = local.name_prefix
    database     = "${local.name_prefix}-products"
    orders_table = "${local.name_prefix}-orders"
    user_pool    = local.name_prefix
    api          = local.name_prefix
    admin_api    = "${local.name_prefix}-admin"
    site         = "${local.name_prefix}-site"
    images       = "${local.name_prefix}-images"
    alarms       = "${local.name_prefix}-alarms"
    orders_bus   = "${local.name_prefix}-orders"
    edge         = "${local.name_prefix}-edge"
    # Cognito domains are unique per region across all accounts; a hash of the account keeps this
    # one unique without publishing the account id in the sign-in URL.
    auth_domain = "${local.name_prefix}-${substr(sha256(data.aws_caller_identity.current.account_id), 0, 8)}"
  }

  # ---- the repository's single sources of truth -------------------------------------------------
  repository_root   = "${path.module}/../../.."
  routes_file       = "${local.repository_root}/api-spec/target/routes.json"
  orders_table_file = "${local.repository_root}/orders-impl/src/main/resources/dynamodb/orders-table.json"

  # ---- images, by digest (scripts/deploy passes the digests it pushed) --------------------------
  # Without a digest (make destroy passes none) the URI names no image: the provider refuses an image
  # function without one even when deleting it, and the functions' precondition refuses to create or
  # update one from it.
  images = {
    for service, digest in { products = var.products_image_digest, orders = var.orders_image_digest } :
    service => "${module.registry.repository_urls[service]}@${coalesce(digest, "no-digest-given")}"
  }

  # ---- the functions' configuration (the variables each service's README lists) ---------------
  # The functions verify every request's token themselves (docs/decisions: in-function token
  # verification), with each pool's JWK set delivered here, so a cold start fetches no keys; the
  # published sets (SHOP_JWT_JWKS_URI, SHOP_ADMIN_JWT_JWKS_URI) are read only for a key id the
  # delivered one lacks. scripts/deploy fetches the sets once the pools exist and passes them as
  # user_pool_jwks and admin_user_pool_jwks; without them (the pools' first apply) the functions
  # fetch the published sets on their first request. Two issuers: a token is an administrator's only
  # when the administrators' pool issued it (SHOP_ADMIN_JWT_*) and it names the admin group.
  jwt_environment = merge({
    SHOP_JWT_ISSUER          = module.auth.issuer_url
    SHOP_JWT_JWKS_URI        = module.auth.jwks_url
    SHOP_JWT_AUDIENCES       = module.auth.site_client_id
    SHOP_ADMIN_JWT_ISSUER    = module.auth.admin_issuer_url
    SHOP_ADMIN_JWT_JWKS_URI  = module.auth.admin_jwks_url
    SHOP_ADMIN_JWT_AUDIENCES = module.auth.admin_client_id
    },
    var.user_pool_jwks == "" ? {} : { SHOP_JWT_JWKS = var.user_pool_jwks },
    var.admin_user_pool_jwks == "" ? {} : { SHOP_ADMIN_JWT_JWKS = var.admin_user_pool_jwks },
  )
  # The database's URL. TLS is required by the server, and the client verifies who answers
  # (sslMode=VERIFY_IDENTITY): the instance's certificate against the RDS certificate authorities,
  # whose bundle the products jar carries as a trust store (classpath:, resolved by the service); an
  # RDS Proxy's certificate (ACM, a public root) against the JDK's own trust store.
  database_url = join("", [
    "jdbc:mysql://${module.database.endpoint}:${module.database.port}/${module.database.database_name}",
    "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=VERIFY_IDENTITY",
    var.enable_rds_proxy ? "" : "&trustCertificateKeyStoreUrl=classpath:rds-ca/global-bundle.p12&trustCertificateKeyStoreType=PKCS12",
  ])
  # The products functions connect as the application user with IAM database authentication: a token
  # their role signs per new connection, no password anywhere, nothing to rotate.
  database_environment = {
    PRODUCTS_DB_URL      = local.database_url
    PRODUCTS_DB_USER     = module.database.app_username
    PRODUCTS_DB_IAM_AUTH = "true"
  }
  # The migrate function needs the database only (MigrateHandler starts no Spring, checks no token),
  # which keeps the deploy's early, targeted apply of it small. It runs as the master user (DDL) and
  # makes the application user; through a proxy, with the password from that user's secret.
  migrate_environment = merge({
    PRODUCTS_DB_URL        = local.database_url
    PRODUCTS_DB_SECRET_ARN = module.database.master_secret_arn
    PRODUCTS_DB_APP_USER   = module.database.app_username
  }, var.enable_rds_proxy ? { PRODUCTS_DB_APP_SECRET_ARN = module.database.app_secret_arn } : {})
  # Behind CloudFront, the API functions (not the jobs, which take no HTTP request) refuse requests
  # without the value CloudFront adds (the origin guard, "The edge" in terraform/README.md): they get
  # the secret's ARN, never the value, and read its current and previous versions at a cold start.
  origin_guard      = var.site_hosting == "cloudfront"
  api_origin_header = "X-Origin-Verify"
  api_origin_environment = local.origin_guard ? {
    SHOP_ORIGIN_SECRET_ARN = aws_secretsmanager_secret.api_origin[0].arn
    SHOP_ORIGIN_HEADER     = local.api_origin_header
    # Not read by the services: a new value changes the functions' configuration, so every instance
    # starts again and reads the new value beside the one it replaces (below, the API's origin value).
    ORIGIN_VALUE_VERSION = aws_secretsmanager_secret_version.api_origin[0].version_id
  } : {}
  api_origin_statements = local.origin_guard ? [
    {
      sid       = "ReadApiOriginValue"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.api_origin[0].arn]
    },
  ] : []
  products_api_environment = merge(local.products_environment, local.api_origin_environment)
  orders_api_environment   = merge(local.orders_environment, local.api_origin_environment)
  products_api_statements  = concat(local.products_statements, local.products_image_statements, local.api_origin_statements)
  orders_api_statements    = concat(local.orders_statements, local.api_origin_statements)

  # Every products function that starts the service (the API, the sweep, the image function) is
  # given the images bucket's name, a name only: the S3 rights are the API's and the image function's.
  products_environment = merge(local.jwt_environment, local.database_environment, {
    SHOP_CURSORS_KEY_SECRET_ARN = aws_secretsmanager_secret.cursor_key["products"].arn
    SHOP_IMAGES_BUCKET          = module.images.bucket
    # The presigned upload's URL is the bucket's regional endpoint in every region, N. Virginia too
    # (where the SDK would otherwise address the global s3.amazonaws.com): the CSP's connect-src names
    # exactly that origin (module.images.upload_origin).
    AWS_S3_US_EAST_1_REGIONAL_ENDPOINT = "regional"
  })
  orders_environment = merge(local.jwt_environment, {
    ORDERS_TABLE = module.orders_table.table_name
    # The stock reservations: a direct invocation of the products function, signed with the orders
    # function's own role (InvokeProducts below); no token, no secret.
    PRODUCTS_FUNCTION_NAME = local.products_function_name
    # Per customer, across every instance (a counter item in the orders table).
    ORDERS_CREATE_RATE_LIMIT  = tostring(var.orders_per_customer_limit)
    ORDERS_CREATE_RATE_WINDOW = var.orders_per_customer_window
    # Units of one product one customer may hold in open orders (counter items in the orders table).
    ORDERS_MAX_OPEN_UNITS_PER_PRODUCT = tostring(var.orders_max_open_units_per_product)
    }, {
    SHOP_CURSORS_KEY_SECRET_ARN = aws_secretsmanager_secret.cursor_key["orders"].arn
  })

  # The products API function, by name and ARN: built from its parts, since the orders functions'
  # policy is an input of the same module that creates it.
  products_function_name = "${local.name_prefix}-products"
  products_function_arn  = "arn:${data.aws_partition.current.partition}:lambda:${var.region}:${data.aws_caller_identity.current.account_id}:function:${local.products_function_name}"

  # ---- reserved concurrency: one place, read by the functions and by scripts/deploy's preflight --
  # A reservation caps a function (the products function's database connections, every function's
  # cost) and keeps that much of the account's concurrency for it; the jobs' 1 also keeps each to one
  # run at a time. Lambda refuses reservations that would leave fewer than 100 executions
  # unreserved, so the account's quota must be 100 more than their sum; reserve_concurrency = false
  # deploys without any (see the variable).
  reserved_concurrency = {
    for name, reservation in {
      products                = var.products_reserved_concurrency
      products-migrate        = 1
      products-sweep          = 1
      products-images         = 2
      orders                  = var.orders_reserved_concurrency
      orders-pending-releases = 1
    } : name => var.reserve_concurrency ? reservation : null
  }
  # What the preflight reads with `terraform console` (it needs no state, so it works before the
  # first apply): "<function name>=<reservation>" per function, 0 for none.
  concurrency_reservations = join(" ", [
    for name, reservation in local.reserved_concurrency : "${local.name_prefix}-${name}=${coalesce(reservation, 0)}"
  ])

  # ---- least privilege: what each function may touch besides its own logs ----------------------
  # The service and the sweep log in to the database as the application user, and do nothing else;
  # only the migration reads the master secret (and, through a proxy, the application user's).
  products_statements = [
    {
      sid       = "ConnectAsTheApplicationUser"
      actions   = ["rds-db:connect"]
      resources = [module.database.app_connect_arn]
    },
    {
      sid       = "ReadCursorKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.cursor_key["products"].arn]
    },
  ]
  # The product images (the images module's bucket): the API signs the browser's upload with its own
  # credentials, so it may put an upload (and only through the presigned POST's conditions), and it
  # deletes an image's objects with the image. The image function reads and deletes the upload and
  # writes the sizes. CloudFront alone reads the sizes (the bucket's policy).
  products_image_statements = [
    {
      sid       = "SignImageUploads"
      actions   = ["s3:PutObject"]
      resources = [module.images.upload_objects_arn]
    },
    {
      sid       = "DeleteImageObjects"
      actions   = ["s3:DeleteObject"]
      resources = [module.images.upload_objects_arn, module.images.size_objects_arn]
    },
  ]
  image_function_statements = concat(local.products_statements, [
    {
      sid       = "ReadAndDeleteUploads"
      actions   = ["s3:GetObject", "s3:DeleteObject"]
      resources = [module.images.upload_objects_arn]
    },
    {
      sid       = "WriteImageSizes"
      actions   = ["s3:PutObject"]
      resources = [module.images.size_objects_arn]
    },
  ])
  migrate_statements = [
    {
      sid       = "ReadDatabaseSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = concat([module.database.master_secret_arn], var.enable_rds_proxy ? [module.database.app_secret_arn] : [])
    },
  ]
  orders_statements = [
    {
      sid       = "ReadWriteOrders"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"]
      resources = [module.orders_table.table_arn]
    },
    {
      sid       = "QueryCustomerIndex"
      actions   = ["dynamodb:Query"]
      resources = values(module.orders_table.index_arns)
    },
    {
      sid        = "UseTableKeyThroughDynamoDB"
      actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
      resources  = [module.orders_table.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${var.region}.amazonaws.com"] }]
    },
    {
      sid       = "ReadCursorKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.cursor_key["orders"].arn]
    },
    {
      # The stock reservations: the products function itself, unqualified, and nothing else. Its
      # resource policy stays API Gateway's; in one account the role's own policy is what allows this.
      sid       = "InvokeProducts"
      actions   = ["lambda:InvokeFunction"]
      resources = [local.products_function_arn]
    },
  ]
  # The jobs query their index; their one-off backfill (orders-impl PendingJobsBackfill) scans the
  # table once. The API never scans.
  orders_scan_statements = [
    {
      sid       = "ScanForPendingReleases"
      actions   = ["dynamodb:Scan"]
      resources = [module.orders_table.table_arn]
    },
  ]

  # ---- the order events (module events; docs/decisions/0014) ------------------------------------
  # Both functions start the orders application without a web server: at start it reads its cursor
  # key (SHOP_CURSORS_KEY_SECRET_ARN of orders_environment) and nothing else, so that is the one
  # right of the orders functions they share. No mails without a sender.
  mails = var.mail_from != null
  order_events_environment = merge(local.orders_environment, {
    ORDER_EVENTS_BUS = module.events.bus_name
  })
  order_mails_environment = merge(local.orders_environment, {
    ORDER_MAILS_FROM         = var.mail_from
    ORDER_MAILS_SITE_URL     = module.site.url
    ORDER_MAILS_USER_POOL_ID = module.auth.user_pool_id
  })
  orders_start_statements = [
    {
      sid       = "ReadCursorKey"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [aws_secretsmanager_secret.cursor_key["orders"].arn]
    },
  ]
  # The stream's records are encrypted with the table's key: reading them decrypts through DynamoDB.
  order_events_statements = concat(local.orders_start_statements, [
    {
      sid       = "ReadOrdersStream"
      actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
      resources = [module.orders_table.stream_arn]
    },
    {
      sid        = "DecryptOrdersStream"
      actions    = ["kms:Decrypt"]
      resources  = [module.orders_table.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${var.region}.amazonaws.com"] }]
    },
    {
      sid       = "PublishOrderEvents"
      actions   = ["events:PutEvents"]
      resources = [module.events.bus_arn]
    },
    {
      # The event source mapping sends a batch that failed every attempt with the function's role.
      sid       = "SendFailedBatches"
      actions   = ["sqs:SendMessage"]
      resources = [module.events.stream_failures_queue_arn]
    },
  ])
  # The mail function reads a shopper's address, sends from the one identity and address, and writes
  # (and on a failed send deletes) only its own once-per-event claims, mail#<event id>, in the table.
  order_mails_statements = concat(local.orders_start_statements, [
    {
      sid       = "ReadShoppersAddress"
      actions   = ["cognito-idp:AdminGetUser"]
      resources = [module.auth.user_pool_arn]
    },
    {
      sid        = "SendFromTheShopsAddress"
      actions    = ["ses:SendEmail"]
      resources  = [module.events.mail_identity_arn]
      conditions = [{ test = "StringEquals", variable = "ses:FromAddress", values = [var.mail_from] }]
    },
    {
      sid        = "ClaimEachMailOnce"
      actions    = ["dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources  = [module.orders_table.table_arn]
      conditions = [{ test = "ForAllValues:StringLike", variable = "dynamodb:LeadingKeys", values = ["mail#*"] }]
    },
    {
      sid        = "UseTableKeyThroughDynamoDB"
      actions    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
      resources  = [module.orders_table.kms_key_arn]
      conditions = [{ test = "StringEquals", variable = "kms:ViaService", values = ["dynamodb.${var.region}.amazonaws.com"] }]
    },
  ])

  # ---- the site's /config.json (fields documented in terraform/README.md) ----------------------
  site_callback_urls = concat(var.site_hosting == "cloudfront" ? ["${module.site.url}/"] : [], var.extra_callback_urls)
  site_config = {
    api_base_url  = var.site_hosting == "cloudfront" ? "" : module.api.api_endpoint
    issuer        = module.auth.issuer_url
    client_id     = module.auth.site_client_id
    authorize_url = "${module.auth.domain_url}/oauth2/authorize"
    token_url     = "${module.auth.domain_url}/oauth2/token"
    logout_url    = "${module.auth.domain_url}/logout"
    revoke_url    = "${module.auth.domain_url}/oauth2/revoke"
    redirect_uri  = "${module.site.url}/"
    scopes        = module.auth.site_scopes
    admin_group   = module.auth.admin_group
    # The administrators' sign-in (their own pool, TOTP required) and API (/admin of this origin).
    admin = {
      api_base_url  = var.site_hosting == "cloudfront" ? local.admin_path_prefix : module.admin_api.api_endpoint
      authorize_url = "${module.auth.admin_domain_url}/oauth2/authorize"
      token_url     = "${module.auth.admin_domain_url}/oauth2/token"
      logout_url    = "${module.auth.admin_domain_url}/logout"
      revoke_url    = "${module.auth.admin_domain_url}/oauth2/revoke"
      client_id     = module.auth.admin_client_id
      scopes        = module.auth.admin_scopes
    }
  }
  # Where CloudFront serves the administrators' API (the site module's /admin/* behaviour).
  admin_path_prefix = "/admin"
  # Every function, for the alarms and the dashboard.
  function_names = merge(module.functions.function_names, module.event_functions.function_names)
  # Both APIs invoke the same two functions.
  api_functions = {
    for name in ["products", "orders"] : name => {
      function_name = module.functions.function_names[name]
      invoke_arn    = module.functions.invoke_arns[name]
    }
  }
}

module "network" {
  source = "../../modules/network"

  name               = local.names.network
  cidr               = var.vpc_cidr
  nat_gateway_per_az = var.nat_gateway_per_az
}

module "registry" {
  source = "../../modules/registry"

  region = var.region
  # Per environment, so that two environments in one account keep their images apart.
  name_prefix          = local.name_prefix
  function_name_prefix = "${local.name_prefix}-"
  repositories         = ["products", "orders"]
  force_delete         = var.force_destroy
}

module "database" {
  source = "../../modules/database"

  name                  = local.names.database
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.private_subnet_ids
  engine_version        = var.db_engine_version
  instance_class        = var.db_instance_class
  multi_az              = var.db_multi_az
  backup_retention_days = var.db_backup_retention_days
  deletion_protection   = var.db_deletion_protection
  skip_final_snapshot   = var.db_skip_final_snapshot
  enable_proxy          = var.enable_rds_proxy
  region                = var.region
}

module "orders_table" {
  source = "../../modules/orders_table"

  name                = local.names.orders_table
  definition_file     = local.orders_table_file
  deletion_protection = var.orders_table_deletion_protection
}

module "auth" {
  source = "../../modules/auth"

  region              = var.region
  name                = local.names.user_pool
  domain_prefix       = local.names.auth_domain
  callback_urls       = local.site_callback_urls
  logout_urls         = local.site_callback_urls
  deletion_protection = var.user_pool_deletion_protection
}

# ---- the cursor keys ---------------------------------------------------------------------------
# Each API service signs its pagination cursors with a key that all its instances share (Lambda sends
# a client's next page to any of them; service-support/README.md), read at start from a secret of
# its own. Terraform writes the value with a write-only argument (Terraform 1.11), so the key is in
# neither a plan nor the state. A new key:
# raise secret_string_wo_version; cursors given out before are then refused (400), and a client
# starts again from the first page. The AWS-managed key and no rotation function: one role of this
# account reads it, and the IAM policy on its ARN is the gate.
resource "aws_secretsmanager_secret" "cursor_key" {
  # checkov:skip=CKV_AWS_149:the AWS-managed key suffices for a secret one role of this account reads
  # checkov:skip=CKV2_AWS_57:no rotation function; a new version is a new secret_string_wo_version (above)
  for_each = toset(["products", "orders"])

  name_prefix             = "${local.name_prefix}-${each.key}-cursor-key-"
  description             = "Key the ${each.key} functions sign their pagination cursors with (HMAC-SHA256)"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "cursor_key" {
  for_each = aws_secretsmanager_secret.cursor_key

  secret_id = each.value.id
  # Two random UUIDs (crypto/rand, 244 random bits): read only when the version is written, and a
  # write-only argument keeps them out of the plan and the state. The provider's ephemeral password
  # would do as well, but terraform test's mocked provider cannot make ephemeral values.
  secret_string_wo         = "${uuid()}${uuid()}"
  secret_string_wo_version = 1
}

# ---- the API's origin value ----------------------------------------------------------------------
# What CloudFront adds to every request it sends to the API (header X-Origin-Verify) and the API
# functions require: the API's own execute-api endpoint answers only with it, so nothing goes around
# the web ACL. Generated once, write-only (neither in a plan nor in this secret's state; the
# distribution's configuration, and so the site module's state, hold it, as any origin header).
# A new value: raise api_origin_value_version and apply. Secrets Manager labels the new version
# AWSCURRENT and the one it replaces AWSPREVIOUS; the functions restart (ORIGIN_VALUE_VERSION) and
# accept both while CloudFront's edge locations move to the new value (minutes); the next new value
# retires the old one. No secret with s3-website hosting: the site calls the API's endpoint itself.
resource "aws_secretsmanager_secret" "api_origin" {
  # checkov:skip=CKV_AWS_149:the AWS-managed key suffices for a secret this account's roles read
  # checkov:skip=CKV2_AWS_57:no rotation function; a new version is a new api_origin_value_version (above)
  count = local.origin_guard ? 1 : 0

  name_prefix             = "${local.name_prefix}-api-origin-"
  description             = "What CloudFront adds to its requests to the API (${local.api_origin_header}); the API refuses requests without it"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "api_origin" {
  count = local.origin_guard ? 1 : 0

  secret_id                = aws_secretsmanager_secret.api_origin[0].id
  secret_string_wo         = "${uuid()}${uuid()}"
  secret_string_wo_version = var.api_origin_value_version
}

module "functions" {
  source = "../../modules/functions"

  region             = var.region
  name_prefix        = local.name_prefix
  architecture       = var.architecture
  log_retention_days = var.log_retention_days
  # The API functions only: a trace of a scheduled job tells little its logs do not.
  tracing_modes = { products = var.tracing_mode, orders = var.tracing_mode }
  vpc = {
    subnet_ids         = module.network.private_subnet_ids
    security_group_ids = [module.network.https_egress_security_group_id, module.database.client_security_group_id]
  }

  functions = {
    products = {
      description          = "Products API (catalog, stock reservations) behind API Gateway"
      image_uri            = local.images.products
      memory_mb            = var.api_memory_mb
      timeout_seconds      = var.api_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["products"]
      environment          = local.products_api_environment
      in_vpc               = true
      policy_statements    = local.products_api_statements
    }
    products-migrate = {
      description          = "Applies the products database migrations; scripts/deploy invokes it once per release"
      image_uri            = local.images.products
      command              = ["serverlessshop.products.lambda.MigrateHandler::handleRequest"]
      memory_mb            = var.job_memory_mb
      timeout_seconds      = var.migrate_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["products-migrate"]
      environment          = local.migrate_environment
      in_vpc               = true
      policy_statements    = local.migrate_statements
    }
    products-sweep = {
      description          = "Returns the stock of reservations that expired unconfirmed"
      image_uri            = local.images.products
      command              = ["serverlessshop.products.lambda.SweepHandler::handleRequest"]
      memory_mb            = var.job_memory_mb
      timeout_seconds      = var.job_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["products-sweep"]
      environment          = local.products_environment
      in_vpc               = true
      schedule             = var.sweep_schedule
      policy_statements    = local.products_statements
    }
    # S3 invokes it for each upload (asynchronously: its failed runs go to its own queue). Decoding an
    # original of up to 5 MiB and about 40 megapixels takes some 160 MB of pixels and as much again
    # for the scaled copies, besides the service's own heap; CPU comes with memory (a whole vCPU at
    # 1,769 MB), and scaling is CPU-bound. The reservation caps the instances decoding at once, and
    # so their database connections; uploads beyond it wait in Lambda's queue.
    products-images = {
      description          = "Checks an uploaded product image, writes its sizes and records it; S3 invokes it for each upload"
      image_uri            = local.images.products
      command              = ["serverlessshop.products.lambda.ImageUploadHandler::handleRequest"]
      memory_mb            = var.image_memory_mb
      timeout_seconds      = var.image_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["products-images"]
      environment          = local.products_environment
      in_vpc               = true
      async                = true
      policy_statements    = local.image_function_statements
    }
    orders = {
      description          = "Orders API (order saga, history, status) behind API Gateway"
      image_uri            = local.images.orders
      memory_mb            = var.api_memory_mb
      timeout_seconds      = var.api_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["orders"]
      environment          = local.orders_api_environment
      policy_statements    = local.orders_api_statements
    }
    orders-pending-releases = {
      description          = "Releases the stock of cancelled orders whose release products could not confirm"
      image_uri            = local.images.orders
      command              = ["serverlessshop.orders.lambda.PendingReleasesHandler::handleRequest"]
      memory_mb            = var.job_memory_mb
      timeout_seconds      = var.job_timeout_seconds
      reserved_concurrency = local.reserved_concurrency["orders-pending-releases"]
      environment          = local.orders_environment
      schedule             = var.pending_releases_schedule
      policy_statements    = concat(local.orders_statements, local.orders_scan_statements)
    }
  }
}

# The order events' two functions, a functions module of their own: the mail's link names the site,
# whose distribution fronts the API, which invokes the API functions; one module would make that a
# cycle. No reservation: order-events runs once per stream shard at most (parallelization 1), and
# order-mails as often as orders change, which the orders function's reservation already bounds; a
# reservation below the stream's shards would only hold the events back.
module "event_functions" {
  source = "../../modules/functions"

  region             = var.region
  name_prefix        = local.name_prefix
  architecture       = var.architecture
  log_retention_days = var.log_retention_days

  functions = merge({
    order-events = {
      description       = "Publishes the placed orders' status changes, read from the orders table's stream, to the orders bus"
      image_uri         = local.images.orders
      command           = ["serverlessshop.orders.lambda.OrderEventsHandler::handleRequest"]
      memory_mb         = var.order_events_memory_mb
      timeout_seconds   = var.order_events_timeout_seconds
      environment       = local.order_events_environment
      policy_statements = local.order_events_statements
    }
    }, local.mails ? {
    # EventBridge invokes it asynchronously: two retries (its claim per event keeps a retry from
    # mailing twice), then its failed-runs queue.
    order-mails = {
      description          = "Mails the shopper when an order is placed, shipped or cancelled (the rule order-mails)"
      image_uri            = local.images.orders
      command              = ["serverlessshop.orders.lambda.OrderMailHandler::handleRequest"]
      memory_mb            = var.order_events_memory_mb
      timeout_seconds      = var.order_events_timeout_seconds
      environment          = local.order_mails_environment
      async                = true
      async_retry_attempts = 2
      policy_statements    = local.order_mails_statements
    }
  } : {})
}

# The order events (docs/decisions/0014): the table's stream -> order-events -> the orders bus ->
# the rule order-mails -> order-mails -> SES.
module "events" {
  source = "../../modules/events"

  name             = local.name_prefix
  bus_name         = local.names.orders_bus
  table_stream_arn = module.orders_table.stream_arn
  order_events_function = {
    name = module.event_functions.function_names["order-events"]
    arn  = module.event_functions.function_arns["order-events"]
  }
  order_mails_function = local.mails ? {
    name = module.event_functions.function_names["order-mails"]
    arn  = module.event_functions.function_arns["order-mails"]
  } : null
  mail              = local.mails ? { from = var.mail_from, verify_domain = var.mail_verify_domain } : null
  alarm_topic_arn   = module.alarms.topic_arn
  alarm_name_prefix = local.names.alarms
}

module "api" {
  source = "../../modules/api"

  name                   = local.names.api
  routes_file            = local.routes_file
  functions              = local.api_functions
  jwt_issuer             = module.auth.issuer_url
  jwt_audiences          = [module.auth.site_client_id]
  throttling_rate_limit  = var.api_throttling_rate_limit
  throttling_burst_limit = var.api_throttling_burst_limit
  route_throttling = {
    "POST /orders" = {
      rate_limit  = var.order_creation_throttling_rate_limit
      burst_limit = var.order_creation_throttling_burst_limit
    }
  }
  log_retention_days = var.log_retention_days
  # website_url, not url: url depends on CloudFront, which depends on this API.
  cors_allow_origins = var.site_hosting == "cloudfront" ? [] : [module.site.website_url]
}

# The administrators' API: the same routes and functions, but its JWT authorizer accepts the
# administrators' pool's tokens only (an authorizer has one issuer, a route one authorizer;
# docs/decisions/0011). CloudFront serves it under /admin. Fewer callers, so a lower throttle.
module "admin_api" {
  source = "../../modules/api"

  name                           = local.names.admin_api
  description                    = "serverless-shop administrators' API: the same routes, tokens of the administrators' user pool (served under /admin)"
  routes_file                    = local.routes_file
  functions                      = local.api_functions
  lambda_permission_statement_id = "AllowAdminHttpApi"
  jwt_issuer                     = module.auth.admin_issuer_url
  jwt_audiences                  = [module.auth.admin_client_id]
  throttling_rate_limit          = var.admin_api_throttling_rate_limit
  throttling_burst_limit         = var.admin_api_throttling_burst_limit
  log_retention_days             = var.log_retention_days
  cors_allow_origins             = var.site_hosting == "cloudfront" ? [] : [module.site.website_url]
}

# Only a distribution can have a web ACL: none with s3-website hosting.
module "waf" {
  source = "../../modules/waf"
  count  = var.site_hosting == "cloudfront" ? 1 : 0

  providers = {
    aws = aws.cloudfront
  }

  name                            = local.names.edge
  evaluation_window_seconds       = var.waf_evaluation_window_seconds
  ip_rate_limit                   = var.waf_ip_rate_limit
  token_rate_limit                = var.waf_token_rate_limit
  order_creation_token_rate_limit = var.waf_order_creation_token_rate_limit
  log_retention_days              = var.log_retention_days
}

# The product images' bucket: uploads from the site's pages, the image function, CloudFront's
# /images/* (terraform/README.md, "Product images").
module "images" {
  source = "../../modules/images"

  name          = local.names.images
  region        = var.region
  site_origin   = module.site.url
  function_name = module.functions.function_names["products-images"]
  function_arn  = module.functions.function_arns["products-images"]
  force_destroy = var.force_destroy
  cloudfront_distribution = var.site_hosting == "cloudfront" ? {
    arn = module.site.distribution_arn
  } : null
}

module "site" {
  source = "../../modules/site"

  name         = local.names.site
  hosting      = var.site_hosting
  api_endpoint = module.api.api_endpoint
  issuer_url   = module.auth.domain_url
  # The administrators' API and sign-in domain: the /admin/* behaviour, the CSP's connect-src.
  admin_api_endpoint = module.admin_api.api_endpoint
  admin_sign_in_url  = module.auth.admin_domain_url
  config_json        = jsonencode(local.site_config)
  force_destroy      = var.force_destroy
  web_acl_arn        = one(module.waf[*].web_acl_arn)
  # /images/* from the images bucket, and uploads to it allowed by the CSP.
  images = {
    bucket_regional_domain_name = module.images.bucket_regional_domain_name
    upload_origin               = module.images.upload_origin
  }
  # The version Terraform wrote, so that a new value reaches CloudFront in the same apply.
  api_origin_header = local.api_origin_header
  api_origin_secret = local.origin_guard ? {
    arn        = aws_secretsmanager_secret.api_origin[0].arn
    version_id = aws_secretsmanager_secret_version.api_origin[0].version_id
  } : null
}

module "alarms" {
  source = "../../modules/alarms"

  name                = local.names.alarms
  api_id              = module.api.api_id
  function_names      = local.function_names
  failed_event_queues = merge(module.functions.failed_event_queue_names, module.event_functions.failed_event_queue_names)
  error_rate_percent  = var.alarm_5xx_rate_percent
  p99_latency_ms      = var.alarm_p99_latency_ms
  alarm_email         = var.alarm_email
}

module "dashboard" {
  source = "../../modules/dashboard"

  name                 = local.name_prefix
  region               = var.region
  api_id               = module.api.api_id
  function_names       = local.function_names
  orders_function_name = module.functions.function_names["orders"]
}
