provider "aws" {
  region = "eu-west-1"
}

module "vpc_endpoints" {
  source = "../../"

  name_prefix            = "kong"
  vpc_id                 = "vpc-0123456789abcdef0"
  subnet_ids             = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  services               = ["lambda", "ssm", "ssmmessages", "ec2messages"]
  kong_security_group_id = "sg-0c0c0c0c0c0c0c0c0"
  kong_role_arn          = "arn:aws:iam::123456789012:role/kong-gateway"
  lambda_function_arns = [
    "arn:aws:lambda:eu-west-1:123456789012:function:api1",
    "arn:aws:lambda:eu-west-1:123456789012:function:api2",
  ]

  tags = {
    Project = "kong-gateway"
  }
}
