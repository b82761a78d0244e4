provider "aws" {
  region = "eu-west-1"
}

# Isolated (the default, private_dns_enabled = false): nothing else in the VPC changes. Kong's aws-lambda plugin is
# pointed at output.lambda_endpoint_dns_name instead of lambda.eu-west-1.amazonaws.com.
module "vpc_endpoints" {
  source = "../../"

  name_prefix            = "kong"
  vpc_id                 = "vpc-0123456789abcdef0"
  subnet_ids             = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  services               = ["lambda", "secretsmanager"]
  kong_security_group_id = "sg-0c0c0c0c0c0c0c0c0"
  kong_role_arn          = "arn:aws:iam::123456789012:role/kong-gateway"
  lambda_function_arns = [
    "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
    "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
  ]

  tags = {
    Project = "kong-gateway"
  }
}

# Shared: the VPC has no Session Manager endpoints yet, and every instance in it should use them. Private DNS on, so
# the security group must admit the VPC's other callers; IAM decides what each may do.
module "session_manager_endpoints" {
  source = "../../"

  name_prefix            = "shared"
  vpc_id                 = "vpc-0123456789abcdef0"
  subnet_ids             = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  services               = ["ssm", "ssmmessages"]
  private_dns_enabled    = true
  vpc_callers            = { cidr_blocks = ["10.0.0.0/16"] }
  kong_security_group_id = "sg-0c0c0c0c0c0c0c0c0"
}
