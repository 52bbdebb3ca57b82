# The orders table as planned from orders-impl's orders-table.json, the file the service and the
# local cloud create it from.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name            = "serverless-shop-dev-orders"
  definition_file = "../../../orders-impl/src/main/resources/dynamodb/orders-table.json"
}

run "keys_attributes_and_index_come_from_the_definition" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this.hash_key == "order_id" && aws_dynamodb_table.this.range_key == "customer_id"
    error_message = "The key is not (order_id, customer_id)."
  }

  assert {
    condition = {
      for a in aws_dynamodb_table.this.attribute : a.name => a.type
      } == {
      for a in jsondecode(file(var.definition_file)).AttributeDefinitions : a.AttributeName => a.AttributeType
    }
    error_message = "The attributes are not the definition's."
  }

  assert {
    condition = {
      for i in aws_dynamodb_table.this.global_secondary_index : i.name => [i.hash_key, i.range_key, i.projection_type]
      } == {
      for i in jsondecode(file(var.definition_file)).GlobalSecondaryIndexes : i.IndexName => [
        one([for k in i.KeySchema : k.AttributeName if k.KeyType == "HASH"]),
        one([for k in i.KeySchema : k.AttributeName if k.KeyType == "RANGE"]),
        i.Projection.ProjectionType,
      ]
    }
    error_message = "The indexes are not the definition's."
  }

  assert {
    condition     = length([for i in aws_dynamodb_table.this.global_secondary_index : i if i.hash_key == "customer_id" && i.range_key == "order_date"]) == 1
    error_message = "There is no index by customer, which the orders service lists a customer's orders with."
  }

  # The scheduled jobs' index: sparse (only orders marked pending_job carry its key) and keys only.
  assert {
    condition = [
      for i in aws_dynamodb_table.this.global_secondary_index : [i.range_key, i.projection_type] if i.hash_key == "pending_job"
    ] == [["pending_since", "KEYS_ONLY"]]
    error_message = "There is no keys-only index of the orders waiting for a scheduled job (pending_job, pending_since)."
  }

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "The table is not on-demand."
  }

  assert {
    condition     = one(aws_dynamodb_table.this.ttl).enabled == true && one(aws_dynamodb_table.this.ttl).attribute_name == "expires_at"
    error_message = "No time to live on expires_at (the expiry of the order-creation counters and of the idempotency keys' records)."
  }

  # The service writes the expiry under the name it declares, and creates local tables with it.
  assert {
    condition     = strcontains(file("../../../orders-impl/src/main/java/serverlessshop/orders/store/OrdersTableDefinition.java"), "TTL_ATTRIBUTE = \"${one(aws_dynamodb_table.this.ttl).attribute_name}\";")
    error_message = "The table's time-to-live attribute is not orders-impl's OrdersTableDefinition.TTL_ATTRIBUTE."
  }
}

run "pitr_and_customer_managed_encryption" {
  command = plan

  # CKV_AWS_28
  assert {
    condition     = one(aws_dynamodb_table.this.point_in_time_recovery).enabled == true
    error_message = "Point-in-time recovery is off."
  }

  # CKV_AWS_119, CKV_AWS_7
  assert {
    condition     = one(aws_dynamodb_table.this.server_side_encryption).enabled == true && one(aws_dynamodb_table.this.server_side_encryption).kms_key_arn == aws_kms_key.this.arn
    error_message = "The table is not encrypted with its customer managed key."
  }

  assert {
    condition     = aws_kms_key.this.enable_key_rotation == true
    error_message = "The table's key is not rotated."
  }
}

run "provisioned_billing_is_refused" {
  command = plan

  variables {
    definition_file = "tests/provisioned-table.json"
  }

  expect_failures = [aws_dynamodb_table.this]
}

# The table is the order events' outbox: its stream carries every change with the item before and
# after (the order-events function compares the statuses), as the definition says.
run "stream_of_new_and_old_images" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this.stream_enabled == true && aws_dynamodb_table.this.stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "The table has no stream of new and old images."
  }

  assert {
    condition = [aws_dynamodb_table.this.stream_enabled, aws_dynamodb_table.this.stream_view_type] == [
      jsondecode(file(var.definition_file)).StreamSpecification.StreamEnabled,
      jsondecode(file(var.definition_file)).StreamSpecification.StreamViewType,
    ]
    error_message = "The stream is not the definition's StreamSpecification."
  }

  assert {
    condition     = output.stream_arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/mock/stream/2026-01-01T00:00:00.000"
    error_message = "stream_arn is not the table's stream."
  }
}

run "no_stream_without_a_stream_specification" {
  command = plan

  variables {
    definition_file = "tests/no-stream-table.json"
  }

  assert {
    condition     = aws_dynamodb_table.this.stream_enabled == false
    error_message = "A definition without StreamSpecification still gets a stream."
  }
}
