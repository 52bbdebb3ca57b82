output "function_names" {
  description = "Function name per short name."
  value       = { for key, f in aws_lambda_function.this : key => f.function_name }
}

output "function_arns" {
  description = "Function ARN per short name."
  value       = { for key, f in aws_lambda_function.this : key => f.arn }
}

output "invoke_arns" {
  description = "Invoke ARN per short name (for API Gateway integrations)."
  value       = { for key, f in aws_lambda_function.this : key => f.invoke_arn }
}

output "role_names" {
  description = "Execution role per short name."
  value       = { for key, r in aws_iam_role.this : key => r.name }
}

output "log_group_names" {
  description = "Log group per short name."
  value       = { for key, g in aws_cloudwatch_log_group.this : key => g.name }
}

output "failed_event_queue_names" {
  description = "Per function invoked asynchronously (scheduled or async), the SQS queue its runs land in when every attempt failed."
  value       = { for key, q in aws_sqs_queue.failed : key => q.name }
}

output "failed_event_queue_urls" {
  description = "Per function invoked asynchronously (scheduled or async), the URL of its failed-runs queue (to read the records)."
  value       = { for key, q in aws_sqs_queue.failed : key => q.url }
}
