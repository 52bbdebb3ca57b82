variable "name" {
  description = "Name of the user pool and prefix of its clients."
  type        = string
}

variable "domain_prefix" {
  description = "Prefix of the hosted domain, https://<prefix>.auth.<region>.amazoncognito.com; unique in the region."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.domain_prefix)) && !can(regex("aws|amazon|cognito", var.domain_prefix))
    error_message = "domain_prefix: lower-case letters, digits and hyphens, and none of the reserved words aws, amazon, cognito."
  }
}

variable "callback_urls" {
  description = "Where the hosted sign-in may send the site back to (HTTPS, or http://localhost)."
  type        = list(string)
}

variable "logout_urls" {
  description = "Where the hosted sign-out may send the site back to."
  type        = list(string)
}

variable "site_scopes" {
  description = "OAuth scopes the site asks for."
  type        = list(string)
  default     = ["openid", "email", "profile"]
}

variable "admin_group" {
  description = "The group whose members administer the shop (claim cognito:groups)."
  type        = string
  default     = "admin"
}

variable "deletion_protection" {
  description = "Refuse to delete the user pool (its users would be lost)."
  type        = bool
  default     = true
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region everything of this module is in."
  type        = string
}
