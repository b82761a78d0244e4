# The lambda endpoint and the Kong role refer to each other: the endpoint
# policy admits only the role, and the role may invoke only through the
# endpoint (aws:SourceVpce). Both references go through separate resources
# (endpoint <- role ARN, role policy <- endpoint ID), so there is no cycle.
provider "aws" {
  region = "eu-west-1"
}

locals {
  lambda_functions = {
    api1 = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
    api2 = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
  }
}

module "kong_ec2_iam" {
  source = "../../../kong-ec2-iam"

  name             = "kong-gateway"
  lambda_functions = { for name, arn in local.lambda_functions : name => { arn = arn, qualifiers = ["live"] } }
  source_vpce_ids  = [module.vpc_endpoints.lambda_endpoint_id]
}

module "vpc_endpoints" {
  source = "../../"

  name_prefix            = "kong"
  vpc_id                 = "vpc-0123456789abcdef0"
  subnet_ids             = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  services               = ["lambda"]
  kong_security_group_id = "sg-0c0c0c0c0c0c0c0c0"
  kong_role_arn          = module.kong_ec2_iam.role_arn
  lambda_function_arns   = [for arn in values(local.lambda_functions) : "${arn}:live"]
}
