# What the mocked AWS provider answers where a random string would not do: every suite under
# terraform/ (the environment's and the modules') uses it through mock_provider "aws" { source = ... }.

# Two zones, as a region has at least; the network module takes the first two.
mock_data "aws_availability_zones" {
  defaults = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

# The provider validates policy arguments as JSON even when mocked: a valid, empty policy. What the
# policies allow is asserted on the documents' statements, which the configuration decides.
mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

# The provider checks the format of ARNs and ids that other resources are given (a mock's random
# string is refused): values of the right shape. They are alike for every instance of a type, so
# no assertion may rely on them being unique.
mock_resource "aws_db_instance" {
  defaults = {
    arn         = "arn:aws:rds:eu-west-1:123456789012:db:mock"
    resource_id = "db-MOCKRESOURCEID"
    address     = "mock.abcdefghijkl.eu-west-1.rds.amazonaws.com"
    port        = 3306
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-mock-AbCdEf"
      secret_status = "active"
      kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    }]
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    key_id = "00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_cloudfront_function" {
  defaults = {
    arn = "arn:aws:cloudfront::123456789012:function/mock"
  }
}

mock_resource "aws_cloudfront_distribution" {
  defaults = {
    arn         = "arn:aws:cloudfront::123456789012:distribution/EMOCK"
    id          = "EMOCK"
    domain_name = "dmock.cloudfront.net"
  }
}

mock_resource "aws_cognito_user_pool" {
  defaults = {
    id       = "eu-west-1_Mock"
    arn      = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Mock"
    endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mock"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mock"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn        = "arn:aws:lambda:eu-west-1:123456789012:function:mock"
    invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:mock/invocations"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:mock"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = {
    arn = "arn:aws:events:eu-west-1:123456789012:rule/mock"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn                         = "arn:aws:s3:::serverless-shop-dev-site-mock"
    bucket_regional_domain_name = "serverless-shop-dev-site-mock.s3.eu-west-1.amazonaws.com"
  }
}

mock_resource "aws_apigatewayv2_api" {
  defaults = {
    api_endpoint  = "https://mock.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:mock"
  }
}

mock_resource "aws_ecr_repository" {
  defaults = {
    arn            = "arn:aws:ecr:eu-west-1:123456789012:repository/mock"
    repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mock"
  }
}

mock_resource "aws_dynamodb_table" {
  defaults = {
    arn        = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock"
    stream_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/mock/stream/2026-01-01T00:00:00.000"
  }
}

mock_resource "aws_cloudfront_origin_access_control" {
  defaults = {
    id = "EOACMOCK"
  }
}

mock_resource "aws_db_proxy" {
  defaults = {
    arn      = "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-mock"
    endpoint = "mock.proxy-abcdefghijkl.eu-west-1.rds.amazonaws.com"
  }
}

# A failed-runs queue's ARN is a Lambda destination, which the provider checks is an ARN.
mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:mock-failed"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/mock-failed"
  }
}

# The secrets' ARNs go into the roles' policies and the functions' environments, where the suites
# compare them: known at plan, and the secret's and its version's told apart.
mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock-secret-AbCdEf"
  }
}

mock_resource "aws_secretsmanager_secret_version" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock-version-AbCdEf"
  }
}

# CloudFront's web_acl_id and the logging configuration take the web ACL's ARN.
mock_resource "aws_wafv2_web_acl" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mock/00000000-0000-0000-0000-000000000000"
  }
}

# The order events' bus and the mail sender's identity: their ARNs go into the roles' policies.
mock_resource "aws_cloudwatch_event_bus" {
  defaults = {
    arn = "arn:aws:events:eu-west-1:123456789012:event-bus/mock"
  }
}

mock_resource "aws_sesv2_email_identity" {
  defaults = {
    arn = "arn:aws:ses:eu-west-1:123456789012:identity/mock"
  }
}

mock_resource "aws_sesv2_configuration_set" {
  defaults = {
    arn = "arn:aws:ses:eu-west-1:123456789012:configuration-set/mock"
  }
}
