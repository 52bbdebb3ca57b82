variable "name" {
  description = "Name of the API."
  type        = string
}

variable "routes_file" {
  description = "The generated routes.json (api-spec/target/routes.json): every operation with its route key, function and authorization."
  type        = string
}

variable "functions" {
  description = "The functions routes.json names, by name: their function name and invoke ARN."
  type = map(object({
    function_name = string
    invoke_arn    = string
  }))
}

variable "jwt_issuer" {
  description = "The token issuer: the URL of the Cognito user pool whose tokens this API accepts."
  type        = string
}

variable "jwt_audiences" {
  description = "Accepted audiences: the app client ids (matched against client_id in Cognito access tokens)."
  type        = list(string)
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the stage accepts (then 429)."
  type        = number
  default     = 50
}

variable "throttling_burst_limit" {
  description = "Burst of requests the stage accepts."
  type        = number
  default     = 100
}

variable "route_throttling" {
  description = "Stricter throttling of single routes, by route key (e.g. \"POST /orders\"): requests per second and burst, for all callers together."
  type = map(object({
    rate_limit  = number
    burst_limit = number
  }))
  default = {}
}

variable "integration_timeout_ms" {
  description = "How long API Gateway waits for a function (30 s at most)."
  type        = number
  default     = 29000
}

variable "log_retention_days" {
  description = "Days the access logs are kept."
  type        = number
  default     = 30
}

variable "cors_allow_origins" {
  description = "Origins allowed by CORS; empty when the site and the API share an origin."
  type        = list(string)
  default     = []
}

variable "description" {
  description = "What the API is, as the console shows it."
  type        = string
  default     = "serverless-shop API: routes generated from the OpenAPI contracts"
}

variable "lambda_permission_statement_id" {
  description = "Statement id of the permission that lets this API invoke each function: unique per API, as two APIs invoke the same functions."
  type        = string
  default     = "AllowHttpApi"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,100}$", var.lambda_permission_statement_id))
    error_message = "lambda_permission_statement_id: 1 to 100 letters, digits, hyphens and underscores."
  }
}
