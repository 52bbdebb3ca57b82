output "table_name" {
  description = "The table."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "The table's ARN."
  value       = aws_dynamodb_table.this.arn
}

output "index_arns" {
  description = "ARN per global secondary index."
  value       = { for name in keys(local.indexes) : name => "${aws_dynamodb_table.this.arn}/index/${name}" }
}

output "kms_key_arn" {
  description = "The key the table is encrypted with; its users need kms:Decrypt and friends on it."
  value       = aws_kms_key.this.arn
}

output "stream_arn" {
  description = "The table's stream (new and old images of every change), which the order events are read from."
  value       = aws_dynamodb_table.this.stream_arn
}
