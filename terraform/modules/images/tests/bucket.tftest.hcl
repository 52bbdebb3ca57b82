# The product images' bucket as planned: private, TLS only, readable by the given distribution under
# images/ only; uploads POSTed from the site's origin alone, expired when left over; every upload
# invokes the image function, which only this bucket of this account may invoke.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# The mock gives every bucket the site's name: the images bucket its own, known at plan.
override_resource {
  target          = aws_s3_bucket.this
  override_during = plan
  values = {
    id                          = "serverless-shop-dev-images-abc"
    arn                         = "arn:aws:s3:::serverless-shop-dev-images-abc"
    bucket_regional_domain_name = "serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
  }
}

variables {
  name          = "serverless-shop-dev-images"
  region        = "eu-west-1"
  site_origin   = "https://dmock.cloudfront.net"
  function_name = "serverless-shop-dev-products-images"
  function_arn  = "arn:aws:lambda:eu-west-1:123456789012:function:serverless-shop-dev-products-images"
  cloudfront_distribution = {
    arn = "arn:aws:cloudfront::123456789012:distribution/EMOCK"
  }
}

run "private_and_tls_only" {
  command = plan

  # CKV2_AWS_6
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "The images bucket does not block all public access."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "The images bucket accepts ACLs."
  }

  # CKV_AWS_19
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "The images bucket is not encrypted with S3's own key."
  }

  # Nothing over plain HTTP; CloudFront (this distribution) reads the sizes, and nothing else of it.
  assert {
    condition = jsonencode([
      for s in data.aws_iam_policy_document.bucket.statement : [
        s.sid, s.effect, s.actions, s.resources, [for p in s.principals : [p.type, p.identifiers]], [for c in s.condition : [c.test, c.variable, c.values]]
      ]
      ]) == jsonencode([
      ["DenyInsecureTransport", "Deny", ["s3:*"], ["arn:aws:s3:::serverless-shop-dev-images-abc", "arn:aws:s3:::serverless-shop-dev-images-abc/*"], [["*", ["*"]]], [["Bool", "aws:SecureTransport", ["false"]]]],
      ["CloudFrontReadsSizes", null, ["s3:GetObject"], ["arn:aws:s3:::serverless-shop-dev-images-abc/images/*"], [["Service", ["cloudfront.amazonaws.com"]]], [["StringEquals", "AWS:SourceArn", ["arn:aws:cloudfront::123456789012:distribution/EMOCK"]]]],
    ])
    error_message = "The bucket policy is not: deny plain HTTP, and only this distribution reads images/*: ${jsonencode(data.aws_iam_policy_document.bucket.statement)}."
  }

  assert {
    condition     = aws_s3_bucket_policy.this.bucket == aws_s3_bucket.this.id
    error_message = "The policy is not the images bucket's."
  }
}

# The browser POSTs the presigned form from the site's pages: that method from that origin only.
run "uploads_from_the_site_only" {
  command = plan

  assert {
    condition = jsonencode([
      for r in aws_s3_bucket_cors_configuration.this.cors_rule : [r.allowed_methods, r.allowed_origins, r.allowed_headers, r.expose_headers]
      ]) == jsonencode([
      [["POST"], ["https://dmock.cloudfront.net"], null, null],
    ])
    error_message = "CORS allows more than POST from the site's origin: ${jsonencode(aws_s3_bucket_cors_configuration.this.cors_rule)}."
  }

  assert {
    condition = (
      output.upload_origin == "https://serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com" &&
      output.upload_objects_arn == "arn:aws:s3:::serverless-shop-dev-images-abc/uploads/*" &&
      output.size_objects_arn == "arn:aws:s3:::serverless-shop-dev-images-abc/images/*" &&
      output.bucket == "serverless-shop-dev-images-abc" &&
      output.bucket_regional_domain_name == "serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
    )
    error_message = "The bucket's endpoint or its prefixes' ARNs are not those of the key layout (uploads/, images/)."
  }
}

# Uploads the image function never deleted (it failed, or the image went first) go after a day;
# incomplete multipart uploads are aborted.
run "leftover_uploads_expire" {
  command = plan

  assert {
    condition = jsonencode([
      for r in aws_s3_bucket_lifecycle_configuration.this.rule : [
        r.id, r.status, r.id == "expire-orphaned-uploads" ? one(r.filter).prefix : "", [for e in r.expiration : e.days], [for a in r.abort_incomplete_multipart_upload : a.days_after_initiation]
      ]
      ]) == jsonencode([
      ["expire-orphaned-uploads", "Enabled", "uploads/", [1], []],
      ["abort-incomplete-multipart-uploads", "Enabled", "", [], [1]],
    ])
    error_message = "Uploads under uploads/ do not expire after a day, or incomplete multipart uploads are not aborted: ${jsonencode(aws_s3_bucket_lifecycle_configuration.this.rule)}."
  }
}

# Every object created under uploads/ (and nothing else: the sizes under images/ must not invoke it
# again) invokes the image function; S3 may invoke it for this bucket of this account only.
run "uploads_invoke_the_image_function" {
  command = plan

  assert {
    condition = jsonencode([
      for f in aws_s3_bucket_notification.uploads.lambda_function : [f.lambda_function_arn, f.events, f.filter_prefix, f.filter_suffix]
      ]) == jsonencode([
      [var.function_arn, ["s3:ObjectCreated:*"], "uploads/", null],
    ])
    error_message = "Not exactly the objects created under uploads/ invoke the image function: ${jsonencode(aws_s3_bucket_notification.uploads.lambda_function)}."
  }

  assert {
    condition = (
      length(aws_s3_bucket_notification.uploads.queue) == 0 && length(aws_s3_bucket_notification.uploads.topic) == 0 &&
      aws_s3_bucket_notification.uploads.bucket == aws_s3_bucket.this.id
    )
    error_message = "The bucket notifies something else than the image function."
  }

  assert {
    condition = (
      aws_lambda_permission.uploads.function_name == var.function_name &&
      aws_lambda_permission.uploads.action == "lambda:InvokeFunction" &&
      aws_lambda_permission.uploads.principal == "s3.amazonaws.com" &&
      aws_lambda_permission.uploads.source_arn == "arn:aws:s3:::serverless-shop-dev-images-abc" &&
      aws_lambda_permission.uploads.source_account == "123456789012"
    )
    error_message = "S3 may invoke the image function for another bucket or account than this one's."
  }
}

# With s3-website hosting there is no distribution: nobody reads the bucket.
run "no_reader_without_a_distribution" {
  command = plan

  variables {
    cloudfront_distribution = null
    site_origin             = "http://serverless-shop-dev-site-abc.s3-website-eu-west-1.amazonaws.com"
  }

  assert {
    condition     = jsonencode([for s in data.aws_iam_policy_document.bucket.statement : s.sid]) == jsonencode(["DenyInsecureTransport"])
    error_message = "Without a distribution the bucket policy still allows a reader."
  }
}

run "a_site_origin_with_a_path_is_refused" {
  command = plan

  variables {
    site_origin = "https://dmock.cloudfront.net/"
  }

  expect_failures = [var.site_origin]
}
