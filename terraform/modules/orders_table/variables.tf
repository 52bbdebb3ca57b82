variable "name" {
  description = "The table's name in this environment (ORDERS_TABLE of the orders functions)."
  type        = string
}

variable "definition_file" {
  description = "The table's one definition, in create-table JSON: orders-impl/src/main/resources/dynamodb/orders-table.json."
  type        = string
}

variable "deletion_protection" {
  description = "Refuse to delete the table (terraform destroy fails until this is false)."
  type        = bool
  default     = false
}

variable "kms_deletion_window_days" {
  description = "Days a deleted table key can still be recovered."
  type        = number
  default     = 7
}

variable "ttl_attribute" {
  description = "The time-to-live attribute (epoch seconds) of items that expire (the rate counters, the idempotency keys' records): orders-impl's OrdersTableDefinition.TTL_ATTRIBUTE."
  type        = string
  default     = "expires_at"
}
