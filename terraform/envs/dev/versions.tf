terraform {
  # 1.10: the S3 backend locks the state with a lock file in the bucket itself (use_lockfile).
  # 1.11: write-only arguments, which keep the cursor keys out of the state.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }

  # Remote state in S3, locked with S3's conditional writes (no DynamoDB lock table needed).
  # The bucket and its region are given at init, so no account or region is written here:
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>"
  # scripts/deploy does this; the README's "Deploy to AWS" shows the one-time bucket set-up.
  backend "s3" {
    key          = "serverless-shop/dev/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
