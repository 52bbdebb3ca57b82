variable "name" {
  description = "Name of the VPC and prefix of everything in it."
  type        = string
}

variable "cidr" {
  description = "The VPC's IPv4 range; a /16 leaves room for sixteen /20 subnets."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrsubnet(var.cidr, 4, 15))
    error_message = "cidr must be an IPv4 range of /16 or larger (it is cut into /20 subnets)."
  }
}

variable "az_count" {
  description = "How many Availability Zones the subnets span. RDS needs two."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 8
    error_message = "az_count must be between 2 and 8: a DB subnet group needs two Availability Zones."
  }
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per AZ (survives an AZ outage) instead of one in total (cheaper)."
  type        = bool
  default     = false
}
