variable "name" {
  description = "Prefix of the alarm names and name of their SNS topic."
  type        = string
}

variable "api_id" {
  description = "The HTTP API watched for 5xx and latency."
  type        = string
}

variable "function_names" {
  description = "Functions watched for throttles, by short name."
  type        = map(string)
}

variable "failed_event_queues" {
  description = "SQS queues where the failed runs of functions invoked asynchronously (scheduled, or by S3) land, by function short name (queue names; the same short names as function_names); an alarm fires as soon as one holds a message, another when Lambda could not deliver to it."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.failed_event_queues) : contains(keys(var.function_names), name)])
    error_message = "Every key of failed_event_queues is a function of function_names."
  }
}

variable "error_rate_percent" {
  description = "5xx responses, as a percentage of requests, above which the API alarms."
  type        = number
  default     = 5
}

variable "p99_latency_ms" {
  description = "p99 latency in milliseconds above which the API alarms."
  type        = number
  default     = 3000
}

variable "evaluation_periods" {
  description = "Consecutive minutes over a threshold before an API alarm fires."
  type        = number
  default     = 5
}

variable "alarm_email" {
  description = "Address that receives the alarms (it must confirm the subscription); null for none."
  type        = string
  default     = null
}
