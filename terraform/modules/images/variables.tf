variable "name" {
  description = "Prefix of the bucket name."
  type        = string
}

# Passed in rather than read from data.aws_region: the attribute that names the region differs
# between the provider's major versions 5 and 6, and this code is valid on both.
variable "region" {
  description = "The AWS region of the bucket: its endpoint (upload_origin) names it."
  type        = string
}

variable "site_origin" {
  description = "The site's origin (https://<distribution>.cloudfront.net, or the website endpoint with s3-website hosting): the only origin whose pages may POST uploads to the bucket (CORS)."
  type        = string

  validation {
    condition     = can(regex("^https?://[^/]+$", var.site_origin))
    error_message = "site_origin is an origin: scheme and host, no path, no trailing slash."
  }
}

variable "cloudfront_distribution" {
  description = "The distribution that serves images/ (its /images/* behaviour, through origin access control): the only reader the bucket policy allows. null with s3-website hosting (then nothing serves the images)."
  type = object({
    arn = string
  })
  default = null
}

variable "function_name" {
  description = "The image function: S3 invokes it for every object created under uploads/."
  type        = string
}

variable "function_arn" {
  description = "ARN of the image function (function_name)."
  type        = string
}

variable "upload_expiration_days" {
  description = "Days after which an upload still in uploads/ (never processed) is deleted."
  type        = number
  default     = 1

  validation {
    condition     = var.upload_expiration_days >= 1
    error_message = "upload_expiration_days is at least 1 (S3 lifecycle rules count whole days)."
  }
}

variable "force_destroy" {
  description = "Let terraform destroy delete the bucket with images still in it."
  type        = bool
  default     = false
}
