output "topic_arn" {
  description = "The SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Every alarm."
  value = concat(
    [aws_cloudwatch_metric_alarm.api_5xx_rate.alarm_name, aws_cloudwatch_metric_alarm.api_p99_latency.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.throttles : alarm.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.failed_runs : alarm.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.failed_runs_undelivered : alarm.alarm_name],
  )
}
