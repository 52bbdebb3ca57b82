variable "name_prefix" {
  description = "Prefix of the function names: <name_prefix>-<key>."
  type        = string
}

variable "functions" {
  description = <<-EOT
    The functions, by short name. image_uri names the image by digest; command overrides the image's
    CMD (another handler of the same image); schedule is an EventBridge expression such as
    rate(1 minute); policy_statements are what the function may do besides writing its logs (and,
    with in_vpc, attaching to the VPC).
  EOT
  type = map(object({
    description          = string
    image_uri            = string
    command              = optional(list(string))
    memory_mb            = number
    timeout_seconds      = number
    reserved_concurrency = number
    environment          = optional(map(string), {})
    in_vpc               = optional(bool, false)
    schedule             = optional(string)
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

  validation {
    condition     = alltrue([for f in values(var.functions) : f.reserved_concurrency >= 1])
    error_message = "Every function needs a reserved concurrency of at least 1: it bounds cost and database connections."
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
