# The product images as the environment wires them: what the products functions may do with the
# images bucket (exactly the shared key layout's prefixes, nothing else), the bucket's name in their
# environment, and the endpoint the site's pages upload to. The bucket itself, its notification and
# CloudFront's /images/* are asserted in the images and site modules' suites.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

mock_provider "aws" {
  alias           = "cloudfront"
  override_during = plan
  source          = "../../test/mocks"
}

# The mock gives every bucket the site's name: the images bucket its own.
override_resource {
  target          = module.images.aws_s3_bucket.this
  override_during = plan
  values = {
    id                          = "serverless-shop-dev-images-abc"
    arn                         = "arn:aws:s3:::serverless-shop-dev-images-abc"
    bucket_regional_domain_name = "serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
  }
}

variables {
  region                = "eu-west-1"
  products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
  orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
}

run "images_least_privilege" {
  command = plan

  # The API signs the browser's upload with its own credentials (so it may put an upload, which the
  # presigned POST's conditions narrow to one key, type and size) and deletes an image's objects.
  assert {
    condition = jsonencode([for s in local.products_image_statements : [s.sid, s.actions, s.resources]]) == jsonencode([
      ["SignImageUploads", ["s3:PutObject"], ["arn:aws:s3:::serverless-shop-dev-images-abc/uploads/*"]],
      ["DeleteImageObjects", ["s3:DeleteObject"], ["arn:aws:s3:::serverless-shop-dev-images-abc/uploads/*", "arn:aws:s3:::serverless-shop-dev-images-abc/images/*"]],
    ])
    error_message = "The products API may do more with the images bucket than put uploads and delete uploads and sizes: ${jsonencode(local.products_image_statements)}."
  }

  # The image function reads and deletes the upload, writes the sizes, and logs in to the database as
  # the sweep does (the image's record).
  assert {
    condition = jsonencode([for s in local.image_function_statements : [s.sid, s.actions, s.resources]]) == jsonencode(concat(
      [for s in local.products_statements : [s.sid, s.actions, s.resources]],
      [
        ["ReadAndDeleteUploads", ["s3:GetObject", "s3:DeleteObject"], ["arn:aws:s3:::serverless-shop-dev-images-abc/uploads/*"]],
        ["WriteImageSizes", ["s3:PutObject"], ["arn:aws:s3:::serverless-shop-dev-images-abc/images/*"]],
      ],
    ))
    error_message = "The image function may do more than read and delete uploads, write sizes and connect as products_app: ${jsonencode(local.image_function_statements)}."
  }

  # S3 rights: the products API's and the image function's exactly; no other function has any.
  assert {
    condition = (
      jsonencode([for s in local.products_api_statements : [s.actions, s.resources] if anytrue([for a in s.actions : startswith(a, "s3:")])]) ==
      jsonencode([for s in local.products_image_statements : [s.actions, s.resources]]) &&
      length(flatten([
        for s in concat(local.products_statements, local.migrate_statements, local.orders_api_statements, local.orders_scan_statements) : [for a in s.actions : a if startswith(a, "s3:")]
      ])) == 0
    )
    error_message = "Another function than the products API and the image function may use the images bucket, or the API is given other S3 rights."
  }

  # No right to list: nothing needs it, and without it a missing key answers 403, not which keys exist.
  assert {
    condition     = !contains(flatten([for s in concat(local.products_api_statements, local.image_function_statements) : s.actions]), "s3:ListBucket")
    error_message = "A function may list the images bucket."
  }

  assert {
    condition = (
      module.images.upload_objects_arn == "${module.images.bucket_arn}/uploads/*" &&
      module.images.size_objects_arn == "${module.images.bucket_arn}/images/*"
    )
    error_message = "The statements' prefixes are not the bucket's uploads/ and images/."
  }
}

# The products functions that start the service (the API, the sweep, the image function) know the
# bucket by name; the migration and the orders functions do not.
run "images_bucket_in_the_environment" {
  command = plan

  assert {
    condition = alltrue([
      for environment in [local.products_api_environment, local.products_environment] : environment.SHOP_IMAGES_BUCKET == "serverless-shop-dev-images-abc"
    ]) && output.images_bucket == "serverless-shop-dev-images-abc"
    error_message = "The products functions are not given the images bucket's name (SHOP_IMAGES_BUCKET)."
  }

  assert {
    condition = alltrue([
      for environment in [local.migrate_environment, local.orders_api_environment, local.orders_environment] : !contains(keys(environment), "SHOP_IMAGES_BUCKET")
    ])
    error_message = "A function that does not use the images bucket is given its name."
  }

  # The presigned POST's url, as the products function's S3 client addresses the bucket in AWS.
  assert {
    condition     = module.images.upload_origin == "https://serverless-shop-dev-images-abc.s3.eu-west-1.amazonaws.com"
    error_message = "The upload origin (the site's connect-src) is not the bucket's regional virtual-hosted endpoint: ${module.images.upload_origin}."
  }

  assert {
    condition     = module.site.distribution_arn == "arn:aws:cloudfront::123456789012:distribution/EMOCK"
    error_message = "The site does not hand out its distribution's ARN, which the images bucket's policy names."
  }
}

# With s3-website hosting the environment still plans: the bucket takes uploads from the website's
# origin, but no distribution serves /images/* (README: the weaker option).
run "images_without_cloudfront" {
  command = plan

  variables {
    site_hosting = "s3-website"
  }

  assert {
    condition     = module.site.distribution_arn == null && output.images_bucket == "serverless-shop-dev-images-abc"
    error_message = "s3-website hosting names a distribution, or has no images bucket."
  }
}
