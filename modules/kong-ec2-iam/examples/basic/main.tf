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
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
      qualifiers = ["live"]
    }
  }
  source_vpce_ids = ["vpce-0123456789abcdef0"]
  secret_arns     = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf"]
  # Exact parameters only: the instance cannot read the rest of the account's parameters.
  ssm_parameter_arns = ["arn:aws:ssm:eu-west-1:123456789012:parameter/kong-gateway/kong/pg-password"]

  tags = {
    Project = "kong-gateway"
  }
}
