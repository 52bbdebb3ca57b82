variable "name_prefix" {
  description = "Prefix of the function names: <name_prefix>-<key>."
  type        = string
}

variable "functions" {
  description = <<-EOT
    The functions, by short name. image_uri names the image by digest; command overrides the image's
    CMD (another handler of the same image); reserved_concurrency caps the function and sets that
    much of the account's concurrency aside for it (null: none); schedule is an EventBridge
    expression such as rate(1 minute); async marks a function something else invokes asynchronously
    (an S3 notification, an EventBridge rule): like a scheduled one, its failed runs go to its own
    queue, after async_retry_attempts retries (null: scheduled_retry_attempts); policy_statements
    are what the function may do besides writing its logs (and, with in_vpc, attaching to the VPC).
  EOT
  type = map(object({
    description          = string
    image_uri            = string
    command              = optional(list(string))
    memory_mb            = number
    timeout_seconds      = number
    reserved_concurrency = optional(number)
    environment          = optional(map(string), {})
    in_vpc               = optional(bool, false)
    schedule             = optional(string)
    async                = optional(bool, false)
    async_retry_attempts = optional(number)
    policy_statements = optional(list(object({
      sid       = string
      actions   = list(string)
      resources = list(string)
      conditions = optional(list(object({
        test     = string
        variable = string
        values   = list(string)
      })), [])
    })), [])
  }))

  # null: no reservation (the account's unreserved pool, no cap). 0 would stop the function for good.
  validation {
    condition     = alltrue([for f in values(var.functions) : f.reserved_concurrency == null || try(f.reserved_concurrency >= 1, false)])
    error_message = "A reserved concurrency is at least 1 (0 would never run the function), or null for none."
  }

  validation {
    condition     = alltrue([for f in values(var.functions) : f.async_retry_attempts == null || try(f.async_retry_attempts >= 0 && f.async_retry_attempts <= 2, false)])
    error_message = "async_retry_attempts is 0, 1 or 2 (Lambda's limits), or null for scheduled_retry_attempts."
  }

  validation {
    condition     = alltrue(flatten([for f in values(var.functions) : [for s in f.policy_statements : [for a in s.actions : !strcontains(a, "*")]]]))
    error_message = "IAM actions are named one by one: no \"*\" in an action."
  }
}

variable "vpc" {
  description = "Subnets and security groups of the functions that run in the VPC."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

variable "architecture" {
  description = "Instruction set of the images: x86_64 or arm64 (build the images for the same one)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "log_retention_days" {
  description = "Days the functions' logs are kept."
  type        = number
  default     = 30
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region everything of this module is in."
  type        = string
}

variable "scheduled_retry_attempts" {
  description = "Retries of a failed asynchronous run (scheduled or async; 0-2) before it goes to the function's failed-runs queue."
  type        = number
  default     = 1

  validation {
    condition     = var.scheduled_retry_attempts >= 0 && var.scheduled_retry_attempts <= 2
    error_message = "scheduled_retry_attempts is 0, 1 or 2 (Lambda's limits)."
  }
}

variable "scheduled_max_event_age_seconds" {
  description = "How long Lambda keeps trying an asynchronous run (scheduled or async; 60-21600 s); older runs go to the failed-runs queue."
  type        = number
  default     = 900

  validation {
    condition     = var.scheduled_max_event_age_seconds >= 60 && var.scheduled_max_event_age_seconds <= 21600
    error_message = "scheduled_max_event_age_seconds is between 60 and 21600 (Lambda's limits)."
  }
}

variable "failed_run_retention_days" {
  description = "Days a failed asynchronous run stays in its queue to be read (1-14)."
  type        = number
  default     = 14

  validation {
    condition     = var.failed_run_retention_days >= 1 && var.failed_run_retention_days <= 14
    error_message = "failed_run_retention_days is between 1 and 14 (SQS keeps messages at most 14 days)."
  }
}

variable "tracing_modes" {
  description = <<-EOT
    X-Ray tracing per function, by short name: Active (Lambda records the sampled invocations, and
    the function's role may write traces) or PassThrough (Lambda's default: recorded only when a
    caller's trace header asks). Functions not listed are PassThrough.
  EOT
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for mode in values(var.tracing_modes) : contains(["Active", "PassThrough"], mode)])
    error_message = "tracing_modes values are Active or PassThrough."
  }

  validation {
    condition     = alltrue([for name in keys(var.tracing_modes) : contains(keys(var.functions), name)])
    error_message = "tracing_modes names a function that var.functions does not have."
  }
}
