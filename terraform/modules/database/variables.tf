variable "name" {
  description = "Identifier of the instance and prefix of its companions."
  type        = string
}

variable "vpc_id" {
  description = "The VPC the database lives in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two Availability Zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two Availability Zones."
  }
}

variable "engine_version" {
  description = "MySQL version: a major.minor (the newest patch is chosen) or a full version."
  type        = string
  default     = "8.4"

  validation {
    condition     = can(regex("^8\\.[0-9]+(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be a MySQL 8 version, e.g. 8.4 or 8.4.5."
  }
}

variable "instance_class" {
  description = "Instance class; the smallest Graviton class is plenty for the demo."
  type        = string
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Storage autoscaling ceiling in GiB."
  type        = number
  default     = 100
}

variable "database_name" {
  description = "The schema the products service uses (PRODUCTS_DB_URL names it)."
  type        = string
  default     = "products"
}

variable "master_username" {
  description = "Master user; its password is generated and kept by RDS in Secrets Manager."
  type        = string
  default     = "shop_admin"
}

variable "multi_az" {
  description = "A standby in a second Availability Zone (doubles the instance cost)."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time restore); 0 turns backups off."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 0 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 0 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (terraform destroy fails until this is false)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot (else <name>-final is taken)."
  type        = bool
  default     = false
}

variable "enable_proxy" {
  description = "Put an RDS Proxy in front of the instance and give its endpoint to the clients."
  type        = bool
  default     = false
}

variable "app_username" {
  description = "The database user the products functions connect as (IAM database authentication); the migration creates it with DML on the service's tables only."
  type        = string
  default     = "products_app"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,31}$", var.app_username))
    error_message = "app_username must be 1 to 32 letters, digits or underscores, starting with a letter."
  }
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region of the database (for the rds-db:connect resource the clients are allowed)."
  type        = string
}
