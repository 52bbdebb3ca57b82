# The image repositories as planned: immutable tags, scanned, encrypted, pulled only by this
# environment's functions (by name prefix) in this account and region, named per environment.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  region               = "eu-west-1"
  name_prefix          = "serverless-shop-dev"
  function_name_prefix = "serverless-shop-dev-"
  repositories         = ["products", "orders"]
}

run "repositories" {
  command = plan

  # CKV_AWS_163, CKV_AWS_51, CKV_AWS_136
  assert {
    condition = length(aws_ecr_repository.this) == 2 && alltrue([
      for repo in values(aws_ecr_repository.this) :
      repo.image_tag_mutability == "IMMUTABLE" && one(repo.image_scanning_configuration).scan_on_push && one(repo.encryption_configuration).encryption_type == "KMS"
    ])
    error_message = "A repository has mutable tags, is not scanned on push, or is not encrypted with KMS."
  }

  assert {
    condition     = toset(keys(aws_ecr_lifecycle_policy.this)) == toset(var.repositories) && toset(keys(aws_ecr_repository_policy.this)) == toset(var.repositories)
    error_message = "A repository has no lifecycle or repository policy."
  }

  # Two environments in one account keep their images apart.
  assert {
    condition     = output.repository_names == { products = "serverless-shop-dev/products", orders = "serverless-shop-dev/orders" }
    error_message = "The repositories are not <environment's prefix>/<image>: ${jsonencode(output.repository_names)}."
  }

  assert {
    condition = jsonencode([
      for s in data.aws_iam_policy_document.lambda_pull.statement : [s.actions, [for p in s.principals : p.identifiers], [for c in s.condition : [c.test, c.variable, c.values]]]
      ]) == jsonencode([[["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], [["lambda.amazonaws.com"]], [[
        "StringLike", "aws:sourceArn", ["arn:aws:lambda:eu-west-1:123456789012:function:serverless-shop-dev-*"]
    ]]]])
    error_message = "Images may be pulled by others than this environment's functions in this account and region."
  }
}

# A prefix with a wildcard, or none, would let every function of the account pull the images.
run "a_wildcard_in_the_function_prefix_is_refused" {
  command = plan

  variables {
    function_name_prefix = "serverless-shop-*"
  }

  expect_failures = [var.function_name_prefix]
}
