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
