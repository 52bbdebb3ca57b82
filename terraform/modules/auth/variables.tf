variable "name" {
  description = "Name of the shoppers' user pool, and prefix of the administrators' pool and of the clients."
  type        = string
}

variable "domain_prefix" {
  description = "Prefix of the shoppers' hosted domain, https://<prefix>.auth.<region>.amazoncognito.com, unique in the region; the administrators' is <prefix>-admin."
  type        = string

  validation {
    # 63 characters at most for a domain label, and <prefix>-admin must fit too.
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,55}[a-z0-9])?$", var.domain_prefix)) && !can(regex("aws|amazon|cognito", var.domain_prefix))
    error_message = "domain_prefix: at most 57 lower-case letters, digits and hyphens (<prefix>-admin is the administrators' domain), and none of the reserved words aws, amazon, cognito."
  }
}

variable "callback_urls" {
  description = "Where the hosted sign-in (of either pool) may send the site back to (HTTPS, or http://localhost)."
  type        = list(string)
}

variable "logout_urls" {
  description = "Where the hosted sign-out (of either pool) may send the site back to."
  type        = list(string)
}

variable "site_scopes" {
  description = "OAuth scopes the site asks for."
  type        = list(string)
  default     = ["openid", "email", "profile"]
}

variable "admin_group" {
  description = "The group of the administrators' pool whose members administer the shop (claim cognito:groups)."
  type        = string
  default     = "admin"
}

variable "deletion_protection" {
  description = "Refuse to delete the user pools (their users would be lost)."
  type        = bool
  default     = true
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region everything of this module is in."
  type        = string
}
