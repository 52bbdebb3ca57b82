# The static site. Default (hosting = "cloudfront"): a private S3 bucket that only this CloudFront
# distribution may read (origin access control, SigV4), HTTPS for viewers, and the API's paths
# (/products*, /categories*, /orders*, /customers*) routed by the same distribution to API Gateway, so the site
# and the API share one origin: no CORS, and config.json's api_base_url is empty. The administrators'
# API (the same routes behind the administrators' pool; docs/decisions/0011) is under /admin of the
# same origin: a CloudFront Function takes the prefix off, so that API sees the contracts' paths.
#
# hosting = "s3-website" is the requirements' literal "static website on S3, public web access":
# a public bucket with website hosting, served over plain HTTP from the S3 website endpoint, with
# the API on its own origin (CORS). It is the weaker option: no HTTPS, a public bucket, and the
# hosted sign-in cannot return to it (Cognito accepts http:// callbacks only for localhost), so
# signing in works only from a local copy of the site.
#
# The product images (the images module's bucket, when given) are served under /images/* of the same
# origin, read through origin access control and cached for a year: their URLs never change content.

locals {
  cloudfront = var.hosting == "cloudfront"
  # Keep public access blocked unless the weaker website hosting was chosen on purpose.
  private = local.cloudfront
  # The /images/* behaviour, only on a distribution given the images bucket.
  images = local.cloudfront && var.images != null

  # The Content-Security-Policy's parts (see the response-headers policy below): the page exchanges
  # codes and revokes tokens at both pools' domains, and an administrator's page POSTs image uploads
  # to the images bucket's endpoint (a fetch, which connect-src governs). Signing in and out are
  # top-level navigations (no form posts there), which form-action does not govern. The images
  # themselves come from this origin (/images/*): img-src stays 'self'.
  issuer_origins  = join(" ", distinct([for url in [var.issuer_url, var.admin_sign_in_url] : regex("^https://[^/]+", url)]))
  connect_origins = join(" ", concat(["'self'", local.issuer_origins], var.images == null ? [] : [var.images.upload_origin]))
  content_security_policy = join("; ", [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src ${local.connect_origins}",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
  permissions_policy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

  # Where the administrators' API is, on this distribution.
  admin_path_prefix = "/admin"
  # The two API origins, alike but for where they are: both get the origin value.
  api_origins = {
    api       = var.api_endpoint
    admin-api = var.admin_api_endpoint
  }
  # The API behaviours: the shoppers' API at the contracts' paths, the administrators' under /admin.
  api_behaviours = concat(
    [for pattern in var.api_path_patterns : { path_pattern = pattern, origin = "api", strip_prefix = false }],
    [{ path_pattern = "${local.admin_path_prefix}/*", origin = "admin-api", strip_prefix = true }],
  )
}

resource "aws_s3_bucket" "this" {
  bucket_prefix = "${var.name}-"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = local.private
  restrict_public_buckets = local.private
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  # SSE-S3: CloudFront's origin access control reads it without a key policy to maintain.
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  # Each deploy replaces the site: old versions are only for a quick rollback.
  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # CloudFront (this distribution only) reads the objects.
  dynamic "statement" {
    for_each = local.cloudfront ? [1] : []
    content {
      sid       = "CloudFrontReadsObjects"
      actions   = ["s3:GetObject"]
      resources = ["${aws_s3_bucket.this.arn}/*"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = [aws_cloudfront_distribution.this[0].arn]
      }
    }
  }
}

# Website hosting serves plain HTTP, so the deny-insecure-transport statement cannot apply there.
data "aws_iam_policy_document" "website" {
  statement {
    sid       = "PublicReadsObjects"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = local.cloudfront ? data.aws_iam_policy_document.bucket.json : data.aws_iam_policy_document.website.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_website_configuration" "this" {
  count = local.cloudfront ? 0 : 1

  bucket = aws_s3_bucket.this.id

  index_document {
    suffix = "index.html"
  }

  error_document {
    key = "index.html"
  }
}

# The site's run-time configuration, read by the browser from /config.json (see the README).
resource "aws_s3_object" "config" {
  bucket        = aws_s3_bucket.this.id
  key           = "config.json"
  content       = var.config_json
  content_type  = "application/json"
  cache_control = "no-cache"
}

# ---- CloudFront ----------------------------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "this" {
  count = local.cloudfront ? 1 : 0

  name                              = var.name
  description                       = "The site's bucket (and the images'), read by CloudFront only"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

# The sizes of the product images: a new image is a new key, so an object never changes and is
# cached as long as CloudFront keeps anything (each object also says so: max-age=31536000, immutable).
# Nothing of the request varies the answer (no header, cookie or query string), and JPEG does not
# compress: no Accept-Encoding in the key either, unlike the managed CachingOptimized.
resource "aws_cloudfront_cache_policy" "images" {
  count = local.images ? 1 : 0

  name        = "${var.name}-images"
  comment     = "Product images: immutable objects, cached a year"
  min_ttl     = 0
  default_ttl = 31536000
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = false
    enable_accept_encoding_brotli = false

    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# Every viewer header (Authorization, If-Match, Idempotency-Key ...), query string and cookie goes
# to the API, except Host: API Gateway answers 403 to a Host that is not its own.
data "aws_cloudfront_origin_request_policy" "api" {
  name = "Managed-AllViewerExceptHostHeader"
}

# The site's own security headers (the managed SecurityHeadersPolicy has no Content-Security-Policy).
# The build emits no inline script or style, so 'self' is enough for both; the page talks to its own
# origin (config.json, and both APIs, which this distribution routes), to the two pools' Cognito
# domains (token, revoke) and to the images bucket (uploads, whose presigned POST allows one key of
# one type and size) and nothing else, so an injected script can neither run nor send anything
# elsewhere.
resource "aws_cloudfront_response_headers_policy" "security" {
  count = local.cloudfront ? 1 : 0

  name    = "${var.name}-security"
  comment = "CSP and security headers of the site"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.content_security_policy
      override                = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    # The return from a sign-in carries the authorization code in the URL: no page passes it on.
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }

  custom_headers_config {
    items {
      header   = "Permissions-Policy"
      value    = local.permissions_policy
      override = true
    }
  }
}

# Paths without a file extension are the single-page app's own pages: serve index.html for them.
# Only the site's behaviour runs it, so the API's 404s stay the API's.
resource "aws_cloudfront_function" "spa" {
  count = local.cloudfront ? 1 : 0

  name    = "${var.name}-spa"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for the site's own paths"
  publish = true
  code    = <<-EOT
    function handler(event) {
      var request = event.request;
      var last = request.uri.split('/').pop();
      if (last.indexOf('.') === -1) {
        request.uri = '/index.html';
      }
      return request;
    }
  EOT
}

# The administrators' API is served under /admin: /admin/orders/42 reaches it as /orders/42, the path
# its routes (the contracts') have. Only the /admin/* behaviour runs it.
resource "aws_cloudfront_function" "admin_prefix" {
  count = local.cloudfront ? 1 : 0

  name    = "${var.name}-admin-prefix"
  runtime = "cloudfront-js-2.0"
  comment = "Take /admin off the path of a request to the administrators' API"
  publish = true
  # Its prefix is admin_path_prefix (the site module's tests hold the two together).
  code = file("${path.module}/functions/admin-prefix.js")
}

# The value that proves a request to the API came through this distribution (and its web ACL): the
# functions refuse any request without it (terraform/README.md, "The edge"). Read from the secret, so
# it is in this module's state and the distribution's configuration, as any origin header is.
data "aws_secretsmanager_secret_version" "api_origin" {
  count = local.cloudfront ? 1 : 0

  secret_id  = var.api_origin_secret.arn
  version_id = var.api_origin_secret.version_id
}

resource "aws_cloudfront_distribution" "this" {
  count = local.cloudfront ? 1 : 0

  enabled             = true
  comment             = var.name
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.price_class
  # The WAF web ACL (its ARN) that every request meets before the cache, the bucket or the API.
  web_acl_id = var.web_acl_arn

  origin {
    origin_id                = "site"
    domain_name              = aws_s3_bucket.this.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this[0].id
  }

  # The images bucket, read as the site's bucket is (origin access control, SigV4).
  dynamic "origin" {
    for_each = local.images ? [var.images.bucket_regional_domain_name] : []
    content {
      origin_id                = "images"
      domain_name              = origin.value
      origin_access_control_id = aws_cloudfront_origin_access_control.this[0].id
    }
  }

  dynamic "origin" {
    for_each = local.api_origins
    content {
      origin_id   = origin.key
      domain_name = replace(origin.value, "/^https?:///", "")

      custom_origin_config {
        http_port              = 80
        https_port             = 443
        origin_protocol_policy = "https-only"
        origin_ssl_protocols   = ["TLSv1.2"]
      }

      # The proof the functions check (shop.origin): a viewer cannot send it without knowing the value.
      custom_header {
        name  = var.api_origin_header
        value = data.aws_secretsmanager_secret_version.api_origin[0].secret_string
      }
    }
  }

  default_cache_behavior {
    target_origin_id           = "site"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security[0].id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa[0].arn
    }
  }

  # The product images' sizes: read only, cached a year, with the site's security headers (nosniff).
  # First, so that no API path pattern could ever take them.
  dynamic "ordered_cache_behavior" {
    for_each = local.images ? [1] : []
    content {
      path_pattern               = "/images/*"
      target_origin_id           = "images"
      viewer_protocol_policy     = "https-only"
      allowed_methods            = ["GET", "HEAD"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = false
      cache_policy_id            = aws_cloudfront_cache_policy.images[0].id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security[0].id
    }
  }

  # The APIs' paths: never cached, every method, HTTPS only (a redirect would turn a POST into a GET).
  dynamic "ordered_cache_behavior" {
    for_each = local.api_behaviours
    content {
      path_pattern             = ordered_cache_behavior.value.path_pattern
      target_origin_id         = ordered_cache_behavior.value.origin
      viewer_protocol_policy   = "https-only"
      allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods           = ["GET", "HEAD"]
      compress                 = true
      cache_policy_id          = data.aws_cloudfront_cache_policy.disabled.id
      origin_request_policy_id = data.aws_cloudfront_origin_request_policy.api.id

      dynamic "function_association" {
        for_each = ordered_cache_behavior.value.strip_prefix ? [aws_cloudfront_function.admin_prefix[0].arn] : []
        content {
          event_type   = "viewer-request"
          function_arn = function_association.value
        }
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
