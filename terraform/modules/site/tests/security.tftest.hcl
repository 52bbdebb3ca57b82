# The site as planned: a private bucket that only its CloudFront distribution reads (origin access
# control), HTTPS, both APIs' paths uncached (the administrators' under /admin), the product images
# under /images/* from their own bucket; and the weaker website hosting only when asked for.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# Known at plan, so the distribution's reference to the policy can be compared.
override_resource {
  target          = aws_cloudfront_response_headers_policy.security
  override_during = plan
  values = {
    id = "rhp-mock-security"
  }
}

# Known at plan, so the behaviour's reference to it can be compared.
override_resource {
  target          = aws_cloudfront_cache_policy.images
  override_during = plan
  values = {
    id = "cp-mock-images"
  }
}

# The secret the API origin's header comes from, as Secrets Manager would return its version.
override_data {
  target = data.aws_secretsmanager_secret_version.api_origin
  values = {
    secret_string = "mock-origin-value-from-the-secret"
  }
}

variables {
  name         = "serverless-shop-dev-site"
  api_endpoint = "https://abc123.execute-api.eu-west-1.amazonaws.com"
  # The administrators' API: another HTTP API over the same functions.
  admin_api_endpoint = "https://def456.execute-api.eu-west-1.amazonaws.com"
  config_json        = "{}"
  issuer_url         = "https://shop-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com"
  admin_sign_in_url  = "https://shop-dev-1a2b3c4d-admin.auth.eu-west-1.amazoncognito.com"
  api_origin_secret = {
    arn        = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:serverless-shop-dev-api-origin-AbCdEf"
    version_id = "00000000-0000-0000-0000-000000000001"
  }
  # The images module's bucket: its regional domain (CloudFront's origin) and its endpoint (uploads).
  images = {
    bucket_regional_domain_name = "serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
    upload_origin               = "https://serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
  }
}

run "cloudfront_hosting" {
  command = plan

  # CKV2_AWS_6
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "The site bucket does not block all public access."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced" && length(aws_s3_bucket_website_configuration.this) == 0
    error_message = "The bucket accepts ACLs, or serves a website."
  }

  assert {
    condition = (
      aws_cloudfront_origin_access_control.this[0].origin_access_control_origin_type == "s3" &&
      aws_cloudfront_origin_access_control.this[0].signing_behavior == "always" &&
      aws_cloudfront_origin_access_control.this[0].signing_protocol == "sigv4"
    )
    error_message = "The origin access control does not sign every request with SigV4."
  }

  assert {
    condition = one([
      for origin in aws_cloudfront_distribution.this[0].origin : origin.origin_access_control_id if origin.origin_id == "site"
    ]) == aws_cloudfront_origin_access_control.this[0].id
    error_message = "CloudFront does not read the bucket through the origin access control."
  }

  # The bucket policy: CloudFront reads objects, for this distribution only; nothing over plain HTTP.
  assert {
    condition = jsonencode([
      for s in data.aws_iam_policy_document.bucket.statement : [s.actions, [for c in s.condition : [c.test, c.variable, c.values]]] if s.sid == "CloudFrontReadsObjects"
    ]) == jsonencode([[["s3:GetObject"], [["StringEquals", "AWS:SourceArn", [aws_cloudfront_distribution.this[0].arn]]]]])
    error_message = "The bucket policy does not limit reading to this distribution."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.bucket.statement : s.effect if s.sid == "DenyInsecureTransport"]) == "Deny"
    error_message = "The bucket policy does not deny plain HTTP."
  }

  # CKV_AWS_34
  assert {
    condition = (
      one(aws_cloudfront_distribution.this[0].default_cache_behavior).viewer_protocol_policy == "redirect-to-https" &&
      alltrue([for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : b.viewer_protocol_policy == "https-only"]) &&
      alltrue([for o in aws_cloudfront_distribution.this[0].origin : one(o.custom_origin_config).origin_protocol_policy == "https-only" if !contains(["site", "images"], o.origin_id)])
    )
    error_message = "CloudFront serves or fetches something over plain HTTP."
  }

  assert {
    condition = jsonencode([for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : [b.path_pattern, b.target_origin_id]]) == jsonencode([
      ["/images/*", "images"], ["/products*", "api"], ["/categories*", "api"], ["/orders*", "api"], ["/customers*", "api"], ["/admin/*", "admin-api"],
    ])
    error_message = "The API's paths do not all go to the API, /admin/* not to the administrators' API, or /images/* not first to the images bucket."
  }

  # Both APIs' behaviours alike: uncached, every viewer header but Host passed on.
  assert {
    condition = alltrue([
      for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior :
      b.cache_policy_id == data.aws_cloudfront_cache_policy.disabled.id && b.origin_request_policy_id == data.aws_cloudfront_origin_request_policy.api.id && length(b.allowed_methods) == 7
      if b.target_origin_id != "images"
    ])
    error_message = "An API behaviour is cached, drops headers, or refuses a method."
  }

  assert {
    condition = (
      one([for o in aws_cloudfront_distribution.this[0].origin : o.domain_name if o.origin_id == "api"]) == "abc123.execute-api.eu-west-1.amazonaws.com" &&
      one([for o in aws_cloudfront_distribution.this[0].origin : o.domain_name if o.origin_id == "admin-api"]) == "def456.execute-api.eu-west-1.amazonaws.com"
    )
    error_message = "The API origins are not the two APIs' endpoints."
  }

  # The site's own response-headers policy: a strict CSP whose connect-src is the site's origin (the
  # API goes through this distribution), the Cognito domains and the images bucket's endpoint (the
  # uploads), nothing else (not the execute-api URL); images come from the site's origin only.
  assert {
    condition     = one(aws_cloudfront_distribution.this[0].default_cache_behavior).response_headers_policy_id == aws_cloudfront_response_headers_policy.security[0].id
    error_message = "The site is not served with its own response-headers policy."
  }

  assert {
    condition = one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).content_security_policy).content_security_policy == join("; ", [
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
      "connect-src 'self' https://shop-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com https://shop-dev-1a2b3c4d-admin.auth.eu-west-1.amazoncognito.com https://serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com",
      "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ])
    error_message = "The Content-Security-Policy is not the strict one (connect-src: the site, the two pools' domains and the images bucket's endpoint only; img-src the site)."
  }

  assert {
    condition = alltrue([
      one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).content_type_options).override,
      one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).frame_options).frame_option == "DENY",
      one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).referrer_policy).referrer_policy == "no-referrer",
      one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).strict_transport_security).access_control_max_age_sec >= 31536000,
      one([for h in one(aws_cloudfront_response_headers_policy.security[0].custom_headers_config).items : h.value if h.header == "Permissions-Policy"]) != null,
    ])
    error_message = "A security header is missing: nosniff, X-Frame-Options, Referrer-Policy, HSTS or Permissions-Policy."
  }

  assert {
    condition     = length(aws_cloudfront_distribution.this[0].custom_error_response) == 0
    error_message = "A distribution-wide error page would replace the API's problem+json errors."
  }
}

# Every request to either API carries the value the functions check, read from the secret's version
# Terraform wrote; the site's origin gets no such header.
run "api_origin_carries_the_secret" {
  command = plan

  assert {
    condition = (
      data.aws_secretsmanager_secret_version.api_origin[0].secret_id == var.api_origin_secret.arn &&
      data.aws_secretsmanager_secret_version.api_origin[0].version_id == var.api_origin_secret.version_id
    )
    error_message = "The header's value is not read from the given secret's given version."
  }

  assert {
    condition = jsonencode({
      for o in aws_cloudfront_distribution.this[0].origin : o.origin_id => [for h in o.custom_header : [h.name, nonsensitive(h.value)]] if !contains(["site", "images"], o.origin_id)
      }) == jsonencode({
      admin-api = [["X-Origin-Verify", "mock-origin-value-from-the-secret"]]
      api       = [["X-Origin-Verify", "mock-origin-value-from-the-secret"]]
    })
    error_message = "An API origin does not add X-Origin-Verify with the secret's value."
  }

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this[0].origin : length(o.custom_header) == 0 if contains(["site", "images"], o.origin_id)])
    error_message = "The site's or the images' origin is given the API's header."
  }
}

# /admin/orders/42 reaches the administrators' API as /orders/42: the /admin/* behaviour, and it
# alone, runs the function that takes the prefix off; the site's pages keep theirs.
run "admin_paths_lose_their_prefix" {
  command = plan

  assert {
    condition = jsonencode([
      for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : [b.path_pattern, [for f in b.function_association : [f.event_type, f.function_arn]]]
      ]) == jsonencode([
      ["/images/*", []], ["/products*", []], ["/categories*", []], ["/orders*", []], ["/customers*", []],
      ["/admin/*", [["viewer-request", aws_cloudfront_function.admin_prefix[0].arn]]],
    ])
    error_message = "The /admin/* behaviour does not take the prefix off (viewer-request), or another API behaviour does."
  }

  assert {
    condition = (
      aws_cloudfront_function.admin_prefix[0].runtime == "cloudfront-js-2.0" &&
      aws_cloudfront_function.admin_prefix[0].publish &&
      strcontains(aws_cloudfront_function.admin_prefix[0].code, "var PREFIX = '${local.admin_path_prefix}';") &&
      local.admin_path_prefix == "/admin"
    )
    error_message = "The prefix function is not a published cloudfront-js-2.0 function that drops /admin."
  }

  assert {
    condition     = jsonencode([for f in one(aws_cloudfront_distribution.this[0].default_cache_behavior).function_association : f.function_arn]) == jsonencode([aws_cloudfront_function.spa[0].arn])
    error_message = "The site's behaviour runs another function than the single-page app's."
  }
}

# The sizes of the product images: from their own bucket through the same origin access control
# (SigV4), read only, cached a year whatever the request (nothing in the key, JPEG not compressed),
# with the site's security headers.
run "images_from_their_bucket" {
  command = plan

  assert {
    condition = jsonencode([
      for o in aws_cloudfront_distribution.this[0].origin : [o.domain_name, o.origin_access_control_id, length(o.custom_origin_config), length(o.custom_header)] if o.origin_id == "images"
      ]) == jsonencode([
      ["serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com", aws_cloudfront_origin_access_control.this[0].id, 0, 0]
    ])
    error_message = "The images origin is not the images bucket read through the origin access control."
  }

  assert {
    condition = jsonencode([
      for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : [
        b.target_origin_id, sort(b.allowed_methods), sort(b.cached_methods), b.compress, b.viewer_protocol_policy, b.cache_policy_id, try(coalesce(b.origin_request_policy_id), "none"), b.response_headers_policy_id
      ] if b.path_pattern == "/images/*"
      ]) == jsonencode([
      ["images", ["GET", "HEAD"], ["GET", "HEAD"], false, "https-only", "cp-mock-images", "none", "rhp-mock-security"]
    ])
    error_message = "/images/* is not a read-only (GET, HEAD), uncompressed, HTTPS-only behaviour on the images origin with the images cache policy and the security headers: ${jsonencode([for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : b if b.path_pattern == "/images/*"])}."
  }

  assert {
    condition = (
      aws_cloudfront_cache_policy.images[0].default_ttl == 31536000 &&
      aws_cloudfront_cache_policy.images[0].max_ttl == 31536000 &&
      one(aws_cloudfront_cache_policy.images[0].parameters_in_cache_key_and_forwarded_to_origin).enable_accept_encoding_gzip == false &&
      one(aws_cloudfront_cache_policy.images[0].parameters_in_cache_key_and_forwarded_to_origin).enable_accept_encoding_brotli == false &&
      one(one(aws_cloudfront_cache_policy.images[0].parameters_in_cache_key_and_forwarded_to_origin).cookies_config).cookie_behavior == "none" &&
      one(one(aws_cloudfront_cache_policy.images[0].parameters_in_cache_key_and_forwarded_to_origin).headers_config).header_behavior == "none" &&
      one(one(aws_cloudfront_cache_policy.images[0].parameters_in_cache_key_and_forwarded_to_origin).query_strings_config).query_string_behavior == "none"
    )
    error_message = "The images cache policy does not keep an object a year, or varies it by a cookie, header, query string or encoding."
  }

  assert {
    condition     = output.distribution_arn == aws_cloudfront_distribution.this[0].arn
    error_message = "The distribution's ARN (which the images bucket's policy names) is not handed out."
  }
}

# Without the images bucket, no /images/* behaviour, and connect-src as it was.
run "no_images_without_their_bucket" {
  command = plan

  variables {
    images = null
  }

  assert {
    condition = (
      length(aws_cloudfront_cache_policy.images) == 0 &&
      length([for o in aws_cloudfront_distribution.this[0].origin : o if o.origin_id == "images"]) == 0 &&
      length([for b in aws_cloudfront_distribution.this[0].ordered_cache_behavior : b if b.path_pattern == "/images/*"]) == 0 &&
      !strcontains(one(one(aws_cloudfront_response_headers_policy.security[0].security_headers_config).content_security_policy).content_security_policy, ".s3.")
    )
    error_message = "Without the images bucket the distribution still serves /images/*, or the CSP still names a bucket."
  }
}

run "an_upload_origin_with_a_path_is_refused" {
  command = plan

  variables {
    images = {
      bucket_regional_domain_name = "serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
      upload_origin               = "https://serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com/uploads"
    }
  }

  expect_failures = [var.images]
}

run "cloudfront_hosting_needs_the_origin_secret" {
  command = plan

  variables {
    api_origin_secret = null
  }

  expect_failures = [var.api_origin_secret]
}

# The distribution is behind the web ACL it is given (the waf module's, in the environment).
run "behind_the_web_acl" {
  command = plan

  variables {
    web_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/serverless-shop-dev-edge/00000000-0000-0000-0000-000000000000"
  }

  assert {
    condition     = aws_cloudfront_distribution.this[0].web_acl_id == var.web_acl_arn && output.web_acl_arn == var.web_acl_arn
    error_message = "The distribution is not behind the web ACL it was given."
  }
}

run "website_hosting_is_public_only_when_chosen" {
  command = plan

  variables {
    hosting           = "s3-website"
    api_origin_secret = null
  }

  assert {
    condition     = length(aws_cloudfront_distribution.this) == 0 && length(aws_s3_bucket_website_configuration.this) == 1
    error_message = "s3-website hosting still makes a distribution, or no website."
  }

  assert {
    condition     = length(aws_cloudfront_cache_policy.images) == 0 && output.distribution_arn == null
    error_message = "s3-website hosting makes an images cache policy, or names a distribution."
  }

  assert {
    condition     = length(data.aws_secretsmanager_secret_version.api_origin) == 0
    error_message = "s3-website hosting reads the origin secret it has no distribution for."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.ignore_public_acls
    error_message = "Even website hosting blocks public ACLs."
  }
}
