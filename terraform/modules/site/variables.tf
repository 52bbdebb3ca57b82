variable "name" {
  description = "Prefix of the bucket name and name of the distribution's companions."
  type        = string
}

variable "hosting" {
  description = "cloudfront (private bucket behind CloudFront, HTTPS, API on the same origin) or s3-website (public bucket, plain HTTP: the weaker option)."
  type        = string
  default     = "cloudfront"

  validation {
    condition     = contains(["cloudfront", "s3-website"], var.hosting)
    error_message = "hosting must be cloudfront or s3-website."
  }
}

variable "api_endpoint" {
  description = "The API's URL (https://<id>.execute-api.<region>.amazonaws.com): CloudFront's second origin."
  type        = string
}

variable "admin_api_endpoint" {
  description = "The administrators' API's URL (https://<id>.execute-api.<region>.amazonaws.com): the origin of the /admin/* behaviour, which takes /admin off the path."
  type        = string
}

variable "issuer_url" {
  description = "The shoppers' Cognito domain (https://<domain>.auth.<region>.amazoncognito.com): with the administrators' (admin_sign_in_url), the only other origins the site's Content-Security-Policy lets it connect to."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.issuer_url))
    error_message = "issuer_url must be an https:// URL."
  }
}

variable "admin_sign_in_url" {
  description = "The administrators' Cognito domain (https://<domain>-admin.auth.<region>.amazoncognito.com): the site's Content-Security-Policy lets it connect there too (token, revoke)."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.admin_sign_in_url))
    error_message = "admin_sign_in_url must be an https:// URL."
  }
}

variable "api_path_patterns" {
  description = "Paths CloudFront sends to the API: every path of the contracts starts with one of them."
  type        = list(string)
  default     = ["/products*", "/categories*", "/orders*", "/customers*"]
}

variable "config_json" {
  description = "Content of /config.json, the site's run-time configuration."
  type        = string
}

variable "price_class" {
  description = "CloudFront price class: PriceClass_100 (North America, Europe) is the cheapest."
  type        = string
  default     = "PriceClass_100"
}

variable "force_destroy" {
  description = "Let terraform destroy delete the bucket with the site still in it."
  type        = bool
  default     = false
}

variable "web_acl_arn" {
  description = "ARN of the WAF web ACL (scope CLOUDFRONT) in front of the distribution; null for none."
  type        = string
  default     = null
}

variable "api_origin_header" {
  description = "The header CloudFront adds to every request it sends to either API, with the secret's value: the functions refuse a request without it (service-support's origin guard, shop.origin.header)."
  type        = string
  default     = "X-Origin-Verify"
}

variable "api_origin_secret" {
  description = "The Secrets Manager secret whose value CloudFront adds in api_origin_header, and the version to read (the one Terraform wrote, so that a new value reaches CloudFront in the same apply). Needed with cloudfront hosting; null with s3-website."
  type = object({
    arn        = string
    version_id = string
  })
  default = null

  validation {
    condition     = var.api_origin_secret != null || var.hosting != "cloudfront"
    error_message = "cloudfront hosting needs api_origin_secret: the API refuses requests without its value."
  }
}

variable "images" {
  description = "The product images' bucket (the images module): CloudFront serves /images/* from its regional domain name through origin access control, and the site's Content-Security-Policy lets pages POST uploads to upload_origin (https://<bucket>.s3.<region>.amazonaws.com). null: neither."
  type = object({
    bucket_regional_domain_name = string
    upload_origin               = string
  })
  default = null

  validation {
    condition     = var.images == null || can(regex("^https://[^/]+$", var.images.upload_origin))
    error_message = "images.upload_origin is an https:// origin: no path, no trailing slash."
  }
}
