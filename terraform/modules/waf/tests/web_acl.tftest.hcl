# The web ACL as planned: scope CLOUDFRONT, the three rate-based rules keyed as intended, the three
# managed groups enforcing (one rule of the common set counting), metrics and logs without tokens.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  name = "serverless-shop-dev-edge"
}

run "rules" {
  command = plan

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "CLOUDFRONT" && one(aws_wafv2_web_acl.this.default_action).allow != null
    error_message = "The web ACL is not for CloudFront, or blocks by default."
  }

  # Per IP, over everything the distribution serves.
  assert {
    condition = jsonencode([
      for r in aws_wafv2_web_acl.this.rule : [
        one(r.action).block != null,
        one(one(r.statement).rate_based_statement).aggregate_key_type,
        one(one(r.statement).rate_based_statement).limit,
        one(one(r.statement).rate_based_statement).evaluation_window_sec,
        length(one(one(r.statement).rate_based_statement).scope_down_statement),
      ] if r.name == "per-ip"
    ]) == jsonencode([[true, "IP", 600, 60, 0]])
    error_message = "No blocking per-IP rate rule of 600 a minute over every request."
  }

  # Per token: keyed on the Authorization header as sent (no transformation), every path.
  assert {
    condition = jsonencode([
      for r in aws_wafv2_web_acl.this.rule : [
        one(r.action).block != null,
        one(one(r.statement).rate_based_statement).aggregate_key_type,
        one(one(r.statement).rate_based_statement).limit,
        [for k in one(one(r.statement).rate_based_statement).custom_key : [one(k.header).name, [for t in one(k.header).text_transformation : t.type]]],
        length(one(one(r.statement).rate_based_statement).scope_down_statement),
      ] if r.name == "per-token"
    ]) == jsonencode([[true, "CUSTOM_KEYS", 300, [["authorization", ["NONE"]]], 0]])
    error_message = "No blocking per-token rate rule of 300 a minute keyed on the Authorization header."
  }

  # Per token on POST /orders only: exactly that method and that path.
  assert {
    condition = jsonencode([
      for r in aws_wafv2_web_acl.this.rule : [
        one(one(r.statement).rate_based_statement).aggregate_key_type,
        one(one(r.statement).rate_based_statement).limit,
        [for k in one(one(r.statement).rate_based_statement).custom_key : one(k.header).name],
        [for s in one(one(one(one(r.statement).rate_based_statement).scope_down_statement).and_statement).statement : [
          one(s.byte_match_statement).search_string,
          one(s.byte_match_statement).positional_constraint,
          length(one(one(s.byte_match_statement).field_to_match).method) + length(one(one(s.byte_match_statement).field_to_match).uri_path) * 10,
        ]],
      ] if r.name == "order-creation-per-token"
    ]) == jsonencode([["CUSTOM_KEYS", 30, ["authorization"], [["POST", "EXACTLY", 1], ["/orders", "EXACTLY", 10]]]])
    error_message = "No per-token rate rule of 30 a minute on exactly POST /orders."
  }

  # The rate rules come first, so a flood is counted and cut before the managed groups' work.
  assert {
    condition = max([for r in aws_wafv2_web_acl.this.rule : r.priority if length(one(r.statement).rate_based_statement) > 0]...) < min([
      for r in aws_wafv2_web_acl.this.rule : r.priority if length(one(r.statement).managed_rule_group_statement) > 0
    ]...)
    error_message = "A managed group is evaluated before a rate rule."
  }

  # The managed groups enforce (override none); only the body-size rule of the common set counts.
  assert {
    condition = jsonencode({
      for r in aws_wafv2_web_acl.this.rule : one(one(r.statement).managed_rule_group_statement).name => [
        one(one(r.statement).managed_rule_group_statement).vendor_name,
        one(r.override_action).none != null,
        [for o in one(one(r.statement).managed_rule_group_statement).rule_action_override : [o.name, one(o.action_to_use).count != null]],
      ] if length(one(r.statement).managed_rule_group_statement) > 0
      }) == jsonencode({
      AWSManagedRulesAmazonIpReputationList = ["AWS", true, []]
      AWSManagedRulesCommonRuleSet          = ["AWS", true, [["SizeRestrictions_BODY", true]]]
      AWSManagedRulesKnownBadInputsRuleSet  = ["AWS", true, []]
    })
    error_message = "The managed groups are not the common, known-bad-inputs and IP-reputation sets, enforcing."
  }

  # Every rule and the ACL itself publish CloudWatch metrics and sampled requests.
  assert {
    condition = alltrue(concat(
      [for r in aws_wafv2_web_acl.this.rule : one(r.visibility_config).cloudwatch_metrics_enabled && one(r.visibility_config).sampled_requests_enabled],
      [one(aws_wafv2_web_acl.this.visibility_config).cloudwatch_metrics_enabled, one(aws_wafv2_web_acl.this.visibility_config).sampled_requests_enabled],
    )) && length(aws_wafv2_web_acl.this.rule) == 6
    error_message = "A rule or the ACL publishes no metrics or sampled requests."
  }
}

run "logs" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "aws-waf-logs-serverless-shop-dev-edge" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "WAF's log group is not aws-waf-logs-<name>, kept 30 days."
  }

  assert {
    condition = (
      aws_wafv2_web_acl_logging_configuration.this.log_destination_configs == toset([aws_cloudwatch_log_group.this.arn]) &&
      [for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : one(f.single_header).name] == ["authorization"]
    )
    error_message = "WAF does not log to its group, or logs the Authorization header."
  }

  assert {
    condition = jsonencode([
      for f in one(aws_wafv2_web_acl_logging_configuration.this.logging_filter).filter : [f.behavior, sort([for c in f.condition : one(c.action_condition).action])]
    ]) == jsonencode([["KEEP", ["BLOCK", "COUNT"]]]) && one(aws_wafv2_web_acl_logging_configuration.this.logging_filter).default_behavior == "DROP"
    error_message = "WAF's logs do not keep exactly the blocked and counted requests."
  }

  # Only log delivery, for this account's deliveries, writes to this group only.
  assert {
    condition = jsonencode([
      for s in data.aws_iam_policy_document.logs.statement : [
        s.actions, s.resources, [for p in s.principals : p.identifiers],
        [for c in s.condition : [c.test, c.variable, c.values]],
      ]
      ]) == jsonencode([[
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        ["arn:aws:logs:eu-west-1:123456789012:log-group:mock:*"],
        [["delivery.logs.amazonaws.com"]],
        [["ArnLike", "aws:SourceArn", ["arn:aws:logs:eu-west-1:123456789012:*"]], ["StringEquals", "aws:SourceAccount", ["123456789012"]]],
    ]])
    error_message = "WAF's log delivery policy is not limited to this group and this account."
  }
}

run "window_refused" {
  command = plan

  variables {
    evaluation_window_seconds = 90
  }

  expect_failures = [var.evaluation_window_seconds]
}

run "limit_below_waf_minimum_refused" {
  command = plan

  variables {
    order_creation_token_rate_limit = 5
  }

  expect_failures = [var.order_creation_token_rate_limit]
}
