output "bus_name" {
  description = "The orders' event bus."
  value       = aws_cloudwatch_event_bus.orders.name
}

output "bus_arn" {
  description = "The orders' event bus's ARN (events:PutEvents of the order-events function)."
  value       = aws_cloudwatch_event_bus.orders.arn
}

output "stream_failures_queue_arn" {
  description = "The queue of stream batches the order-events function failed on (its role sends to it)."
  value       = aws_sqs_queue.stream_failures.arn
}

output "dead_letter_queue_urls" {
  description = "URL per queue of failures: order-events (stream batches not published), order-mails-undelivered (events EventBridge could not hand to the mail function)."
  value = merge(
    { order-events = aws_sqs_queue.stream_failures.url },
    local.mails ? { order-mails-undelivered = aws_sqs_queue.mail_delivery_failures[0].url } : {},
  )
}

output "mail_identity_arn" {
  description = "The sender's SES identity (ses:SendEmail of the order-mails function); null without mails."
  value       = one(aws_sesv2_email_identity.sender[*].arn)
}

output "mail_identity" {
  description = "What SES verifies: the sender's address, or its domain; null without mails."
  value       = local.mail_identity
}

output "dkim_records" {
  description = "With a domain identity, the CNAME records to publish in its DNS (name -> value); empty otherwise."
  value = local.mails && try(var.mail.verify_domain, false) ? {
    for token in try(one(aws_sesv2_email_identity.sender[0].dkim_signing_attributes).tokens, []) :
    "${token}._domainkey.${local.mail_identity}" => "${token}.dkim.amazonses.com"
  } : {}
}

output "alarm_names" {
  description = "The order events' alarms."
  value = concat(
    [for alarm in aws_cloudwatch_metric_alarm.dead_letters : alarm.alarm_name],
    [aws_cloudwatch_metric_alarm.iterator_age.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.errors : alarm.alarm_name],
  )
}
