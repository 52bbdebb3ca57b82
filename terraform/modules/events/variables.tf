variable "name" {
  description = "Prefix of the queues' names: <name>-order-events-failed, <name>-order-mails-undelivered."
  type        = string
}

variable "bus_name" {
  description = "The orders' custom event bus (ORDER_EVENTS_BUS of the order-events function)."
  type        = string
}

variable "table_stream_arn" {
  description = "The orders table's stream (new and old images), which the order events are read from."
  type        = string
}

variable "order_events_function" {
  description = "The function that reads the table's stream and publishes the order events: name and ARN."
  type = object({
    name = string
    arn  = string
  })
}

variable "order_mails_function" {
  description = "The function the rule order-mails invokes: name and ARN (null without mails)."
  type = object({
    name = string
    arn  = string
  })
  default = null
}

variable "mail" {
  description = <<-EOT
    The order mails' sender (null: no mails, no rule, no SES identity). from is the address the mails
    come from; verify_domain makes the identity its whole domain, verified by DKIM records in its DNS
    (output dkim_records), instead of the address, verified by the link SES mails to it.
  EOT
  type = object({
    from          = string
    verify_domain = optional(bool, false)
  })
  default = null

  validation {
    condition     = var.mail == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.mail.from))
    error_message = "mail.from is an e-mail address (local part, @, domain)."
  }
}

variable "stream_batch_size" {
  description = "Most stream records per invocation of the order-events function."
  type        = number
  default     = 100
}

variable "stream_batching_window_seconds" {
  description = "Longest wait for a fuller batch, in seconds (the events' added latency)."
  type        = number
  default     = 1
}

variable "stream_retry_attempts" {
  description = "Retries of a failing batch (halved on each error) before its record goes to the failures queue."
  type        = number
  default     = 5

  validation {
    condition     = var.stream_retry_attempts >= 0 && var.stream_retry_attempts <= 10000
    error_message = "stream_retry_attempts is between 0 and 10000 (Lambda's limits)."
  }
}

variable "stream_max_record_age_seconds" {
  description = "Records older than this are not retried but sent to the failures queue (60-604800; the stream keeps 24 hours, so the rest of the day is left to replay them)."
  type        = number
  default     = 21600

  validation {
    condition     = var.stream_max_record_age_seconds >= 60 && var.stream_max_record_age_seconds <= 604800
    error_message = "stream_max_record_age_seconds is between 60 and 604800 (Lambda's limits)."
  }
}

variable "mail_target_retry_attempts" {
  description = "EventBridge's retries of an event the order-mails function did not take (0-185)."
  type        = number
  default     = 185
}

variable "mail_target_max_event_age_seconds" {
  description = "How long EventBridge keeps retrying an event for the order-mails function (60-86400 s)."
  type        = number
  default     = 86400
}

variable "failed_retention_days" {
  description = "Days a failure stays in its queue to be read (1-14)."
  type        = number
  default     = 14

  validation {
    condition     = var.failed_retention_days >= 1 && var.failed_retention_days <= 14
    error_message = "failed_retention_days is between 1 and 14 (SQS keeps messages at most 14 days)."
  }
}

variable "alarm_topic_arn" {
  description = "The SNS topic the alarms notify (the alarms module's)."
  type        = string
}

variable "alarm_name_prefix" {
  description = "Prefix of the alarms' names (the alarms module's name, so that all alarms sort together)."
  type        = string
}

variable "iterator_age_alarm_seconds" {
  description = "Age of the oldest record read from the stream, in seconds, above which (for 5 minutes) the events are too far behind."
  type        = number
  default     = 300
}
