output "url" {
  description = "Where people open the shop."
  value       = local.cloudfront ? "https://${aws_cloudfront_distribution.this[0].domain_name}" : "http://${aws_s3_bucket_website_configuration.this[0].website_endpoint}"
}

# Depends on the bucket only (not on CloudFront, whose API origin depends on the API), so the API's
# CORS origins can name it without a dependency cycle.
output "website_url" {
  description = "The S3 website endpoint with s3-website hosting; null behind CloudFront."
  value       = local.cloudfront ? null : "http://${aws_s3_bucket_website_configuration.this[0].website_endpoint}"
}

output "bucket" {
  description = "The bucket the deploy uploads the site to."
  value       = aws_s3_bucket.this.id
}

output "distribution_id" {
  description = "The CloudFront distribution (empty with s3-website hosting)."
  value       = local.cloudfront ? aws_cloudfront_distribution.this[0].id : ""
}

output "web_acl_arn" {
  description = "The WAF web ACL the distribution uses (null without one, or with s3-website hosting)."
  value       = local.cloudfront ? aws_cloudfront_distribution.this[0].web_acl_id : null
}

output "distribution_arn" {
  description = "The CloudFront distribution's ARN, which the images bucket's policy lets read images/ (null with s3-website hosting)."
  value       = local.cloudfront ? aws_cloudfront_distribution.this[0].arn : null
}
