# The web ACL in front of CloudFront: per-client rate limits and AWS's managed rule groups, before a
# request costs a Lambda invocation or a share of the stage's throttle. Scope CLOUDFRONT: the caller
# gives this module a provider in US East (N. Virginia), the only region that holds such ACLs.
#
# Rule order (lowest priority first): the rate limits, then the managed groups. A rate-based rule
# counts every request it sees, blocked later or not, so a client that keeps sending bad input is
# also limited.

locals {
  # Three rate-based rules, each over evaluation_window_seconds. An empty key_header counts per IP;
  # a header counts per value of that header, and a request without it is not counted (the per-IP
  # rule still is). WAF cannot read a JWT's sub, so "per token" is per Authorization value: one
  # customer with several tokens has several counters, each bounded, and all of them by the IP rule.
  rate_rules = {
    per-ip = {
      priority     = 10
      limit        = var.ip_rate_limit
      key_header   = ""
      scope_method = ""
      scope_path   = ""
    }
    per-token = {
      priority     = 20
      limit        = var.token_rate_limit
      key_header   = "authorization"
      scope_method = ""
      scope_path   = ""
    }
    # Placing an order holds stock: one client may not take the stage's POST /orders throttle from
    # every other shopper.
    order-creation-per-token = {
      priority     = 30
      limit        = var.order_creation_token_rate_limit
      key_header   = "authorization"
      scope_method = "POST"
      scope_path   = "/orders"
    }
  }

  # AWS's free managed groups: OWASP-style common rules, request patterns known to exploit
  # (Log4j, Spring4Shell ...), addresses Amazon's threat intelligence lists.
  managed_groups = {
    AWSManagedRulesCommonRuleSet          = 40
    AWSManagedRulesKnownBadInputsRuleSet  = 50
    AWSManagedRulesAmazonIpReputationList = 60
  }
  # Rules of those groups that only count: the common set blocks bodies over 8 KB, and an
  # administrator's product (a 5,000-character description, up to 4 bytes a character) may be more.
  counted_rules = {
    AWSManagedRulesCommonRuleSet = var.common_rule_set_count_only
  }

  # arn:<partition>:logs:<region>:<account>:..., the log group's own ARN (no data source needed).
  log_arn_parts = split(":", aws_cloudwatch_log_group.this.arn)
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "serverless-shop: per-client rate limits and managed rules in front of CloudFront"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.rate_rules
    content {
      name     = rule.key
      priority = rule.value.priority

      action {
        block {}
      }

      statement {
        rate_based_statement {
          limit                 = rule.value.limit
          evaluation_window_sec = var.evaluation_window_seconds
          aggregate_key_type    = rule.value.key_header == "" ? "IP" : "CUSTOM_KEYS"

          dynamic "custom_key" {
            for_each = rule.value.key_header == "" ? [] : [rule.value.key_header]
            content {
              header {
                name = custom_key.value
                text_transformation {
                  priority = 0
                  type     = "NONE"
                }
              }
            }
          }

          dynamic "scope_down_statement" {
            for_each = rule.value.scope_path == "" ? [] : [rule.value]
            content {
              and_statement {
                statement {
                  byte_match_statement {
                    search_string         = scope_down_statement.value.scope_method
                    positional_constraint = "EXACTLY"
                    field_to_match {
                      method {}
                    }
                    text_transformation {
                      priority = 0
                      type     = "NONE"
                    }
                  }
                }
                statement {
                  byte_match_statement {
                    search_string         = scope_down_statement.value.scope_path
                    positional_constraint = "EXACTLY"
                    field_to_match {
                      uri_path {}
                    }
                    text_transformation {
                      priority = 0
                      type     = "NONE"
                    }
                  }
                }
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  dynamic "rule" {
    for_each = local.managed_groups
    content {
      name     = rule.key
      priority = rule.value

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.key

          dynamic "rule_action_override" {
            for_each = lookup(local.counted_rules, rule.key, [])
            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

# WAF's logs: every blocked or counted request with the rule that matched. WAF requires the group's
# name to start with aws-waf-logs-, and the group to be in the ACL's region.
resource "aws_cloudwatch_log_group" "this" {
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
}

# WAF would otherwise add this group to the account's shared AWSWAF-LOGS resource policy, which
# fails once that policy outgrows its size limit: a policy of this ACL's own, for its group only.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WafDeliversLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["${join(":", slice(local.log_arn_parts, 0, 5))}:*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.log_arn_parts[4]]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "this" {
  policy_name     = "aws-waf-logs-${var.name}"
  policy_document = data.aws_iam_policy_document.logs.json
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.this.arn]

  # Tokens stay out of the logs, as in the API's access logs.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  # Allowed requests are in the API's access log: keep only what WAF decided.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"
      condition {
        action_condition {
          action = "BLOCK"
        }
      }
      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }

  depends_on = [aws_cloudwatch_log_resource_policy.this]
}
