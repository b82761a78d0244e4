mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      reverse_dns_prefix = "com.amazonaws"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }

  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0e0e0e0e0e0e0e0e0"
    }
  }

  mock_resource "aws_vpc_endpoint" {
    defaults = {
      id = "vpce-0123456789abcdef0"
    }
  }
}

variables {
  name_prefix            = "kong"
  vpc_id                 = "vpc-0123456789abcdef0"
  subnet_ids             = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  kong_security_group_id = "sg-0c0c0c0c0c0c0c0c0"
  kong_role_arn          = "arn:aws:iam::123456789012:role/kong-gateway"
  lambda_function_arns = [
    "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
    "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
  ]
}

run "lambda_endpoint_by_default" {
  command = plan

  assert {
    condition     = keys(aws_vpc_endpoint.this) == ["lambda"]
    error_message = "Only the lambda endpoint is created by default."
  }

  assert {
    condition     = aws_vpc_endpoint.this["lambda"].service_name == "com.amazonaws.eu-west-1.lambda"
    error_message = "The lambda endpoint must use the Region's lambda service."
  }

  assert {
    condition     = aws_vpc_endpoint.this["lambda"].vpc_endpoint_type == "Interface" && !aws_vpc_endpoint.this["lambda"].private_dns_enabled
    error_message = "By default the lambda endpoint must be an Interface endpoint without private DNS: nothing else in the VPC may start resolving Lambda to it."
  }

  assert {
    condition     = aws_vpc_endpoint.this["lambda"].subnet_ids == toset(["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"])
    error_message = "The endpoint must be placed in the given subnets."
  }
}

run "endpoint_policy_admits_only_kong_on_listed_functions" {
  command = plan

  assert {
    condition = jsonencode(jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement) == jsonencode([{
      Action    = "lambda:InvokeFunction"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/kong-gateway" }
      Resource = [
        "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
      ]
      Sid = "KongInvokesListedAliases"
    }])
    error_message = "The isolated endpoint policy must allow only the Kong role to invoke exactly the listed aliases: no unqualified ARN ($LATEST), no \":*\"."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement : concat(
        [for a in flatten([s.Action]) : !strcontains(a, "*")],
        [for r in flatten([s.Resource]) : !strcontains(r, "*")],
        [for p in flatten([s.Principal.AWS]) : !strcontains(p, "*")],
      )
    ]))
    error_message = "The isolated endpoint policy may have no \"*\" in an action, resource or principal."
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.https_from_vpc_cidrs) + length(aws_vpc_security_group_ingress_rule.https_from_vpc_security_groups) == 0
    error_message = "Isolated endpoints must admit Kong only."
  }
}

run "shared_endpoints_admit_the_vpc_and_deny_kong_backends_to_others" {
  command = plan

  variables {
    services            = ["lambda", "ssm"]
    private_dns_enabled = true
    vpc_callers = {
      cidr_blocks        = ["10.0.0.0/16"]
      security_group_ids = ["sg-0a0a0a0a0a0a0a0a0"]
    }
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.this : e.private_dns_enabled])
    error_message = "Shared endpoints must have private DNS."
  }

  assert {
    condition = (
      keys(aws_vpc_security_group_ingress_rule.https_from_vpc_cidrs) == ["10.0.0.0/16"] &&
      keys(aws_vpc_security_group_ingress_rule.https_from_vpc_security_groups) == ["sg-0a0a0a0a0a0a0a0a0"] &&
      aws_vpc_security_group_ingress_rule.https_from_vpc_cidrs["10.0.0.0/16"].from_port == 443
    )
    error_message = "With private DNS on, the security group must admit the VPC's other callers on 443, or their Lambda and SSM calls break."
  }

  assert {
    condition = jsonencode(jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement[1]) == jsonencode({
      Action    = ["lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeWithResponseStream"]
      Condition = { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/kong-gateway" } }
      Effect    = "Deny"
      Principal = "*"
      Resource = [
        "arn:aws:lambda:eu-west-1:123456789012:function:api1",
        "arn:aws:lambda:eu-west-1:123456789012:function:api1:*",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2:*",
      ]
      Sid = "OnlyKongInvokesKongBackends"
    })
    error_message = "The shared lambda endpoint must deny every principal but the Kong role any invocation of Kong's functions, whatever the qualifier."
  }

  assert {
    condition     = jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement[0].Effect == "Allow" && jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement[0].Sid == "AwsDefaultForOtherCallers"
    error_message = "The shared lambda endpoint must keep the AWS default for the VPC's other callers."
  }
}

run "rejects_private_dns_without_naming_the_vpc_callers" {
  command = plan

  variables {
    private_dns_enabled = true
  }

  expect_failures = [aws_security_group.endpoints]
}

run "rejects_unqualified_function" {
  command = plan

  variables {
    lambda_function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:api1"]
  }

  expect_failures = [var.lambda_function_arns]
}

run "rejects_latest" {
  command = plan

  variables {
    lambda_function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:api1:$LATEST"]
  }

  expect_failures = [var.lambda_function_arns]
}

run "security_group_admits_https_from_kong_only" {
  command = apply

  assert {
    condition     = aws_vpc_security_group_ingress_rule.https_from_kong.security_group_id == "sg-0e0e0e0e0e0e0e0e0"
    error_message = "The ingress rule must belong to the endpoint security group."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.https_from_kong.referenced_security_group_id == "sg-0c0c0c0c0c0c0c0c0" &&
      aws_vpc_security_group_ingress_rule.https_from_kong.ip_protocol == "tcp" &&
      aws_vpc_security_group_ingress_rule.https_from_kong.from_port == 443 &&
      aws_vpc_security_group_ingress_rule.https_from_kong.to_port == 443
    )
    error_message = "The endpoints must admit TCP 443 from the Kong security group."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.https_from_kong.cidr_ipv4 == null &&
      aws_vpc_security_group_ingress_rule.https_from_kong.cidr_ipv6 == null &&
      aws_vpc_security_group_ingress_rule.https_from_kong.prefix_list_id == null
    )
    error_message = "The endpoint ingress rule must not admit any CIDR or prefix list."
  }

  assert {
    condition     = aws_vpc_endpoint.this["lambda"].security_group_ids == toset(["sg-0e0e0e0e0e0e0e0e0"])
    error_message = "The endpoint must use only the module's security group."
  }

  assert {
    condition     = output.lambda_endpoint_id == "vpce-0123456789abcdef0" && output.security_group_id == "sg-0e0e0e0e0e0e0e0e0"
    error_message = "Outputs must expose the lambda endpoint and security group IDs."
  }
}

run "all_requested_services" {
  command = plan

  variables {
    services = ["lambda", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "secretsmanager"]
  }

  assert {
    condition = { for s, e in aws_vpc_endpoint.this : s => e.service_name } == {
      ec2messages    = "com.amazonaws.eu-west-1.ec2messages"
      lambda         = "com.amazonaws.eu-west-1.lambda"
      logs           = "com.amazonaws.eu-west-1.logs"
      secretsmanager = "com.amazonaws.eu-west-1.secretsmanager"
      ssm            = "com.amazonaws.eu-west-1.ssm"
      ssmmessages    = "com.amazonaws.eu-west-1.ssmmessages"
      sts            = "com.amazonaws.eu-west-1.sts"
    }
    error_message = "Each requested service must get its Interface endpoint."
  }

  assert {
    condition     = alltrue([for s, e in aws_vpc_endpoint.this : !e.private_dns_enabled && e.vpc_endpoint_type == "Interface"])
    error_message = "Every endpoint must be an Interface endpoint, without private DNS by default."
  }

  assert {
    condition     = jsondecode(aws_vpc_endpoint.this["lambda"].policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:role/kong-gateway"
    error_message = "Adding services must keep the lambda endpoint's Kong-only policy."
  }
}

run "session_manager_endpoints_without_lambda" {
  command = plan

  variables {
    services             = ["ssm", "ssmmessages", "ec2messages"]
    kong_role_arn        = null
    lambda_function_arns = []
  }

  assert {
    condition     = length(aws_vpc_endpoint.this) == 3 && output.lambda_endpoint_policy_json == null
    error_message = "Without lambda, no lambda endpoint or policy may be created."
  }
}

run "service_names_follow_the_partition" {
  command = plan

  override_data {
    target = data.aws_partition.current
    values = {
      reverse_dns_prefix = "cn.com.amazonaws"
    }
  }

  override_data {
    target = data.aws_region.current
    values = {
      region = "cn-north-1"
    }
  }

  assert {
    condition     = aws_vpc_endpoint.this["lambda"].service_name == "cn.com.amazonaws.cn-north-1.lambda"
    error_message = "The service name must use the partition's reverse DNS prefix and the Region."
  }
}

run "rejects_lambda_endpoint_without_functions" {
  command = plan

  variables {
    lambda_function_arns = []
  }

  expect_failures = [aws_vpc_endpoint.this["lambda"]]
}

run "rejects_unknown_service" {
  command = plan

  variables {
    services = ["lambda", "s3"]
  }

  expect_failures = [var.services]
}

run "rejects_wildcard_function" {
  command = plan

  variables {
    lambda_function_arns = ["arn:aws:lambda:eu-west-1:123456789012:function:*:live"]
  }

  expect_failures = [var.lambda_function_arns]
}

run "rejects_cidr_as_kong_source" {
  command = plan

  variables {
    kong_security_group_id = "10.0.0.0/8"
  }

  expect_failures = [var.kong_security_group_id]
}
