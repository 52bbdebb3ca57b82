# The product images: one private bucket. The browser uploads an original to uploads/ with a
# presigned POST the products function signs (CORS: POST from the site's origin only); S3 notifies the
# image function, which checks it, writes its sizes under images/ and deletes it; CloudFront serves
# images/ on the site's own origin (the site module's /images/* behaviour), reading through its origin
# access control. Nothing else reads or writes the bucket: the functions' roles name their prefixes.
#
# Encrypted with S3's own key (SSE-S3): the browser's upload, CloudFront's origin access control and
# the functions then need no KMS key policy or permission, and the objects are the catalogue's
# pictures, public once served. No versioning: an image's objects are never overwritten (a new image
# is a new key), an upload is transient, and deleting an image is meant to delete its bytes; old
# versions would only keep what was deleted, at a cost.

data "aws_caller_identity" "current" {}

locals {
  uploads_prefix = "uploads/"
  sizes_prefix   = "images/"
}

resource "aws_s3_bucket" "this" {
  bucket_prefix = "${var.name}-"
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  # The image function deletes every upload it has seen; what is left (the function failed every
  # attempt, or an image was deleted before its upload arrived) is an orphan.
  rule {
    id     = "expire-orphaned-uploads"
    status = "Enabled"

    filter {
      prefix = local.uploads_prefix
    }

    expiration {
      days = var.upload_expiration_days
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# The browser POSTs the upload form (the presigned POST's fields, then the file) from the site's page
# to the bucket's own endpoint: that origin, that method, nothing else. A form's fields need no
# request header of their own.
resource "aws_s3_bucket_cors_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  cors_rule {
    allowed_methods = ["POST"]
    allowed_origins = [var.site_origin]
    max_age_seconds = 3600
  }
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

  # CloudFront (this distribution only) reads the sizes, never the uploads.
  dynamic "statement" {
    for_each = var.cloudfront_distribution == null ? [] : [var.cloudfront_distribution.arn]
    content {
      sid       = "CloudFrontReadsSizes"
      actions   = ["s3:GetObject"]
      resources = ["${aws_s3_bucket.this.arn}/${local.sizes_prefix}*"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = [statement.value]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.bucket.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# ---- an upload invokes the image function --------------------------------------------------------

# Bucket names are global: the account as well as the bucket, so that a bucket of the same name in
# another account (after this one is deleted) cannot invoke the function.
resource "aws_lambda_permission" "uploads" {
  statement_id   = "AllowS3ImageUploads"
  action         = "lambda:InvokeFunction"
  function_name  = var.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this.arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.this.id

  lambda_function {
    id                  = "process-uploads"
    lambda_function_arn = var.function_arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = local.uploads_prefix
  }

  # S3 checks that it may invoke the function when the notification is saved.
  depends_on = [aws_lambda_permission.uploads]
}
