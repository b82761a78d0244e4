provider "aws" {
  region = "eu-west-1"
}

module "target_groups" {
  source = "../../"

  name       = "kong-nginx"
  vpc_id     = "vpc-0123456789abcdef0"
  target_ips = { kong = "10.0.1.25" }

  health_check = {
    path    = "/healthz"
    matcher = "200"
  }
  deregistration_delay = 60

  # The direct ALB -> Lambda target groups, kept until traffic has moved to Kong.
  lambda_target_groups = {
    api1 = {
      name         = "dev-api1"
      function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
      qualifier    = "live"
    }
    api2 = {
      name         = "dev-api2"
      function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
    }
  }

  tags = {
    Project = "kong-gateway"
  }
}
