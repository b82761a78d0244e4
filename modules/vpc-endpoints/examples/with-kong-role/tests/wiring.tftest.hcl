mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition          = "aws"
      dns_suffix         = "amazonaws.com"
      reverse_dns_prefix = "com.amazonaws"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/kong-gateway"
    }
  }

  mock_resource "aws_vpc_endpoint" {
    defaults = {
      id = "vpce-0123456789abcdef0"
    }
  }
}

run "role_and_endpoint_pin_each_other" {
  assert {
    condition     = jsondecode(module.kong_ec2_iam.inline_policy_json).Statement[0].Condition.StringEquals["aws:SourceVpce"] == ["vpce-0123456789abcdef0"]
    error_message = "The Kong role must invoke only through the module's lambda endpoint."
  }

  assert {
    condition     = jsondecode(module.vpc_endpoints.lambda_endpoint_policy_json).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:role/kong-gateway"
    error_message = "The lambda endpoint must admit only the Kong role."
  }
}
