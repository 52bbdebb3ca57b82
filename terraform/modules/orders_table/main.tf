# The orders table, defined once: orders-impl/src/main/resources/dynamodb/orders-table.json (the
# `aws dynamodb create-table --cli-input-json` shape the service and the local cloud create it from).
# Keys, attributes, billing mode, indexes and the stream all come from that file, so they cannot drift from
# what the service queries. Only the name gets this environment's prefix.

locals {
  definition = jsondecode(file(var.definition_file))

  attributes = { for a in local.definition.AttributeDefinitions : a.AttributeName => a.AttributeType }
  hash_key   = one([for k in local.definition.KeySchema : k.AttributeName if k.KeyType == "HASH"])
  range_key  = one([for k in local.definition.KeySchema : k.AttributeName if k.KeyType == "RANGE"])

  indexes = {
    for index in try(local.definition.GlobalSecondaryIndexes, []) : index.IndexName => {
      hash_key           = one([for k in index.KeySchema : k.AttributeName if k.KeyType == "HASH"])
      range_key          = one([for k in index.KeySchema : k.AttributeName if k.KeyType == "RANGE"])
      projection_type    = index.Projection.ProjectionType
      non_key_attributes = try(index.Projection.NonKeyAttributes, null)
    }
  }

  # The table is the order events' outbox: every change of an item, before and after, read by the
  # order-events function (modules/events).
  stream = try(local.definition.StreamSpecification, { StreamEnabled = false })
}

# A customer managed key, so access to the data can be audited and revoked separately from access
# to the table. The default key policy delegates to IAM: the orders roles are granted its use.
resource "aws_kms_key" "this" {
  description             = "Orders table ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_dynamodb_table" "this" {
  name         = var.name
  billing_mode = local.definition.BillingMode
  hash_key     = local.hash_key
  range_key    = local.range_key

  dynamic "attribute" {
    for_each = local.attributes
    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = local.indexes
    content {
      name               = global_secondary_index.key
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.non_key_attributes
    }
  }

  # Items that carry an expiry (orders-impl's OrdersTableDefinition.TTL_ATTRIBUTE): the per-customer
  # order-creation counters, deleted once their window is long over, and the idempotency keys'
  # records, 24 hours after a key's first use (the contract's promise). Orders never carry it.
  # DynamoDB deletes lazily, so the service itself treats an expired item as absent.
  ttl {
    attribute_name = var.ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.this.arn
  }

  stream_enabled   = local.stream.StreamEnabled
  stream_view_type = local.stream.StreamEnabled ? local.stream.StreamViewType : null

  deletion_protection_enabled = var.deletion_protection

  lifecycle {
    precondition {
      condition     = local.definition.BillingMode == "PAY_PER_REQUEST"
      error_message = "The orders table is on-demand: BillingMode in ${var.definition_file} must be PAY_PER_REQUEST."
    }
  }
}
