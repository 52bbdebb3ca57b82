variable "name" {
  description = "Name of the web ACL, prefix of its metrics and of its log group (aws-waf-logs-<name>)."
  type        = string
}

variable "evaluation_window_seconds" {
  description = "The window every rate-based rule counts over: 60, 120, 300 or 600 seconds."
  type        = number
  default     = 60

  validation {
    condition     = contains([60, 120, 300, 600], var.evaluation_window_seconds)
    error_message = "evaluation_window_seconds must be 60, 120, 300 or 600 (what WAF accepts)."
  }
}

variable "ip_rate_limit" {
  description = "Requests one IP address may send in the window (site and API together), then 403 until its rate falls below."
  type        = number
  default     = 600

  validation {
    condition     = var.ip_rate_limit >= 10 && var.ip_rate_limit <= 2000000000
    error_message = "ip_rate_limit must be between 10 and 2,000,000,000 (what WAF accepts)."
  }
}

variable "token_rate_limit" {
  description = "Requests with one Authorization header value (one token) in the window."
  type        = number
  default     = 300

  validation {
    condition     = var.token_rate_limit >= 10 && var.token_rate_limit <= 2000000000
    error_message = "token_rate_limit must be between 10 and 2,000,000,000 (what WAF accepts)."
  }
}

variable "order_creation_token_rate_limit" {
  description = "POST /orders requests with one Authorization header value (one token) in the window."
  type        = number
  default     = 30

  validation {
    condition     = var.order_creation_token_rate_limit >= 10 && var.order_creation_token_rate_limit <= 2000000000
    error_message = "order_creation_token_rate_limit must be between 10 and 2,000,000,000 (what WAF accepts)."
  }
}

variable "common_rule_set_count_only" {
  description = "Rules of AWSManagedRulesCommonRuleSet that only count instead of blocking."
  type        = list(string)
  default     = ["SizeRestrictions_BODY"]
}

variable "log_retention_days" {
  description = "Days WAF's logs (blocked and counted requests) are kept."
  type        = number
  default     = 30
}
