terraform {
  # 1.11: write-only attributes (the consumers' API keys never reach the state).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
    kong = {
      source  = "kongform/kong"
      version = ">= 0.1.0"
    }
  }

  # State in S3 with S3-native locking (use_lockfile, Terraform >= 1.10): no DynamoDB table. Atlantis runs
  # `terraform init` and `plan` with credentials that can read and write this bucket; see atlantis.yaml.
  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "kong-gateway/complete.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
