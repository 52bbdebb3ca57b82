output "bucket" {
  description = "The bucket's name (SHOP_IMAGES_BUCKET of the products functions)."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "The bucket's ARN."
  value       = aws_s3_bucket.this.arn
}

output "bucket_regional_domain_name" {
  description = "The bucket's regional domain name: CloudFront's origin for /images/*."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

# The origin the browser POSTs uploads to: the virtual-hosted, regional endpoint, as the products
# function's S3 client addresses the bucket in the presigned POST's url.
output "upload_origin" {
  description = "https://<bucket>.s3.<region>.amazonaws.com: where the browser POSTs uploads (the site's Content-Security-Policy connect-src)."
  value       = "https://${aws_s3_bucket.this.id}.s3.${var.region}.amazonaws.com"
}

output "upload_objects_arn" {
  description = "ARN pattern of the uploads (uploads/*), for IAM statements."
  value       = "${aws_s3_bucket.this.arn}/${local.uploads_prefix}*"
}

output "size_objects_arn" {
  description = "ARN pattern of the served sizes (images/*), for IAM statements."
  value       = "${aws_s3_bucket.this.arn}/${local.sizes_prefix}*"
}
