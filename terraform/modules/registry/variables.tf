variable "name_prefix" {
  description = "Prefix of the repository names: <name_prefix>/<repository> (one per environment, e.g. serverless-shop-dev)."
  type        = string
}

variable "function_name_prefix" {
  description = "Only Lambda functions of this account and region whose names start with this may pull the images (e.g. serverless-shop-dev-)."
  type        = string

  validation {
    condition     = length(var.function_name_prefix) > 0 && !strcontains(var.function_name_prefix, "*")
    error_message = "function_name_prefix names the environment's functions: not empty, no wildcard."
  }
}

variable "repositories" {
  description = "One repository per image, e.g. [\"products\", \"orders\"]."
  type        = list(string)
}

variable "keep_images" {
  description = "How many images each repository keeps; older ones expire."
  type        = number
  default     = 10
}

variable "force_delete" {
  description = "Let terraform destroy delete repositories that still hold images."
  type        = bool
  default     = false
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region everything of this module is in."
  type        = string
}
