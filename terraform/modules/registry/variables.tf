variable "name_prefix" {
  description = "Prefix of the repository names: <name_prefix>/<repository>."
  type        = string
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
