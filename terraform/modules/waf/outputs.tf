output "web_acl_arn" {
  description = "The web ACL's ARN: what a CloudFront distribution's web_acl_id takes."
  value       = aws_wafv2_web_acl.this.arn
}

output "log_group_name" {
  description = "The CloudWatch log group (in the ACL's region, with CloudFront's global resources) holding the requests WAF blocked or counted."
  value       = aws_cloudwatch_log_group.this.name
}
