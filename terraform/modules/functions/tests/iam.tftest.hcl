# The functions' roles as planned: each writes only to its own log group, network rights only in the
# VPC, no "*" action anywhere, "*" resources only for what IAM cannot narrow; and a reserved
# concurrency on every function.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  region      = "eu-west-1"
  name_prefix = "serverless-shop-dev"
  vpc = {
    subnet_ids         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
    security_group_ids = ["sg-0000000000000000a"]
  }
  functions = {
    api = {
      description          = "in the VPC"
      image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
      memory_mb            = 1024
      timeout_seconds      = 29
      reserved_concurrency = 5
      in_vpc               = true
      policy_statements    = [{ sid = "ReadSecret", actions = ["secretsmanager:GetSecretValue"], resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"] }]
    }
    job = {
      description          = "outside the VPC, on a schedule"
      image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
      command              = ["x.Job::handleRequest"]
      memory_mb            = 512
      timeout_seconds      = 60
      reserved_concurrency = 1
      schedule             = "rate(1 minute)"
    }
  }
}

run "least_privilege" {
  command = plan

  # CKV_AWS_63, CKV_AWS_49
  assert {
    condition = alltrue(flatten([
      for doc in values(data.aws_iam_policy_document.this) : [for s in doc.statement : [for a in s.actions : !strcontains(a, "*")]]
    ]))
    error_message = "A role allows a \"*\" action."
  }

  # CKV_AWS_355, CKV_AWS_290
  assert {
    condition = alltrue(flatten([
      for doc in values(data.aws_iam_policy_document.this) : [
        for s in doc.statement : length(setsubtract(s.actions, ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"])) == 0 if contains(s.resources, "*")
      ]
    ]))
    error_message = "A \"*\" resource is granted for an action IAM could narrow."
  }

  assert {
    condition = alltrue([
      for name, doc in data.aws_iam_policy_document.this : one([
        for s in doc.statement : s.resources if s.sid == "WriteOwnLogs"
      ]) == toset(["${aws_cloudwatch_log_group.this[name].arn}:*"])
    ])
    error_message = "A function may write to another log group than its own."
  }

  assert {
    condition = (
      length([for s in data.aws_iam_policy_document.this["api"].statement : s if strcontains(coalesce(s.sid, ""), "Network")]) == 2 &&
      length([for s in data.aws_iam_policy_document.this["job"].statement : s if strcontains(coalesce(s.sid, ""), "Network")]) == 0
    )
    error_message = "Network rights are not given to exactly the functions in the VPC."
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.this["api"].statement : s.sid if s.sid == "ReadSecret"] == ["ReadSecret"]
    error_message = "A function's own statements are not in its role."
  }
}

run "every_function_bounded_by_digest_and_logs" {
  command = plan

  # CKV_AWS_115
  assert {
    condition     = aws_lambda_function.this["api"].reserved_concurrent_executions == 5 && aws_lambda_function.this["job"].reserved_concurrent_executions == 1
    error_message = "A function has no reserved concurrency."
  }

  # CKV_AWS_66
  assert {
    condition     = alltrue([for g in values(aws_cloudwatch_log_group.this) : g.retention_in_days == 30])
    error_message = "A log group keeps its logs forever."
  }

  assert {
    condition     = alltrue([for f in values(aws_lambda_function.this) : f.package_type == "Image"]) && jsonencode(one(aws_lambda_function.this["job"].image_config).command) == jsonencode(["x.Job::handleRequest"])
    error_message = "A function is not an image, or the job does not run its own command."
  }

  assert {
    condition     = one(aws_lambda_function.this["api"].vpc_config).subnet_ids == toset(var.vpc.subnet_ids) && length(aws_lambda_function.this["job"].vpc_config) == 0
    error_message = "A function is in the VPC that should not be, or the other way round."
  }

  assert {
    condition     = jsonencode(keys(aws_cloudwatch_event_rule.schedule)) == jsonencode(["job"]) && aws_cloudwatch_event_rule.schedule["job"].schedule_expression == "rate(1 minute)"
    error_message = "The scheduled function has no schedule, or another function has one."
  }
}

run "a_star_action_is_refused" {
  command = plan

  variables {
    functions = {
      api = {
        description          = "asks for everything"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        memory_mb            = 1024
        timeout_seconds      = 29
        reserved_concurrency = 1
        policy_statements    = [{ sid = "Everything", actions = ["s3:*"], resources = ["*"] }]
      }
    }
  }

  expect_failures = [var.functions]
}

run "an_image_by_tag_is_refused" {
  command = plan

  variables {
    functions = {
      api = {
        description          = "by tag"
        image_uri            = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:latest"
        memory_mb            = 1024
        timeout_seconds      = 29
        reserved_concurrency = 1
      }
    }
  }

  expect_failures = [aws_lambda_function.this["api"]]
}
