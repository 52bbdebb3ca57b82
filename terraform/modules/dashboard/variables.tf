variable "name" {
  description = "The dashboard's name."
  type        = string
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The region of the API, the functions and their metrics."
  type        = string
}

variable "api_id" {
  description = "The HTTP API whose requests, 5xx and latency the dashboard shows."
  type        = string
}

variable "function_names" {
  description = "Every function, by short name (errors, throttles, duration, concurrency and cold starts of each)."
  type        = map(string)
}

variable "orders_function_name" {
  description = "The function that emits the business metrics (orders placed, sell-outs)."
  type        = string
}

variable "metrics_namespace" {
  description = "Namespace of the business metrics the services emit (embedded metric format; shop.metrics.namespace)."
  type        = string
  default     = "ServerlessShop"
}
