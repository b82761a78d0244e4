provider "aws" {
  region = "eu-west-1"
}

module "kong_ec2_iam" {
  source = "../../"

  name = "kong-gateway"
  lambda_functions = {
    api1 = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
      qualifiers = ["live"]
    }
    api2 = {
      arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
    }
  }
  source_vpce_ids = ["vpce-0123456789abcdef0"]
  secret_arns     = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf"]

  tags = {
    Project = "kong-gateway"
  }
}
