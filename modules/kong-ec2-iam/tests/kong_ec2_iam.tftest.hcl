mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/kong-gateway"
    }
  }

  mock_resource "aws_iam_instance_profile" {
    defaults = {
      arn = "arn:aws:iam::123456789012:instance-profile/kong-gateway"
    }
  }
}

variables {
  name = "kong-gateway"
  lambda_functions = {
    api1 = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
      qualifiers = ["live"]
    }
    api2 = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
      qualifiers = ["7"]
    }
  }
}

run "invoke_policy_lists_exactly_the_functions" {
  command = plan

  assert {
    condition     = jsondecode(aws_iam_role_policy.kong.policy).Statement[0].Action == "lambda:InvokeFunction"
    error_message = "The first statement must allow lambda:InvokeFunction only."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.kong.policy).Statement[0].Resource == [
      "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
      "arn:aws:lambda:eu-west-1:123456789012:function:api2:7",
    ]
    error_message = "The invoke statement must list one qualified ARN per listed qualifier and never an unqualified ARN ($LATEST)."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.kong.policy).Statement : s.Sid] == ["InvokeKongBackends", "SessionManagerAgent"]
    error_message = "Without assume_role_arns, secret_arns, ssm_parameter_arns or s3_object_arns the policy must hold only the invoke and Session Manager statements."
  }

  assert {
    condition     = !can(jsondecode(aws_iam_role_policy.kong.policy).Statement[0].Condition)
    error_message = "Without source_vpce_ids the invoke statement must carry no condition."
  }

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement == [{
      Sid       = "EC2AssumeRole"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
    error_message = "The role must be assumable by the EC2 service only."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.kong.policy).Statement[1].Action == [
      "ssm:UpdateInstanceInformation",
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    error_message = "Session Manager must be granted exactly the agent's five actions, not AmazonSSMManagedInstanceCore (which reads every SSM parameter)."
  }

  assert {
    condition     = output.managed_policy_arns == []
    error_message = "No managed policy may be attached to the Kong role."
  }

  assert {
    condition     = aws_iam_instance_profile.this.role == "kong-gateway" && aws_iam_instance_profile.this.name == "kong-gateway"
    error_message = "The instance profile must carry the role."
  }
}

run "no_wildcards_in_any_policy" {
  command = plan

  variables {
    source_vpce_ids    = ["vpce-0123456789abcdef0"]
    assume_role_arns   = ["arn:aws:iam::210987654321:role/kong-invoker"]
    secret_arns        = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf"]
    ssm_parameter_arns = ["arn:aws:ssm:eu-west-1:123456789012:parameter/kong-gateway/kong/pg-password"]
    s3_object_arns     = ["arn:aws:s3:::kong-artifacts-123456789012/kong-plugins/openapi-request-validator_0.2.0_linux_amd64.tar.gz"]
  }

  assert {
    condition = alltrue(flatten([
      for doc in [aws_iam_role_policy.kong.policy, aws_iam_role.this.assume_role_policy] : [
        for s in jsondecode(doc).Statement : [
          [for v in flatten([s.Action]) : !strcontains(v, "*")],
          [for v in flatten([try(s.Resource, [])]) : !strcontains(v, "*") || (v == "*" && length(setsubtract(flatten([s.Action]), output.actions_without_resource_scope)) == 0)],
        ]
      ]
    ]))
    error_message = "No policy may contain a \"*\" in an action, nor in a resource except Resource \"*\" for the Session Manager agent's actions that have no resource type."
  }

  assert {
    condition = alltrue(flatten([
      for doc in [aws_iam_role_policy.kong.policy, aws_iam_role.this.assume_role_policy] : [
        for s in jsondecode(doc).Statement : s.Effect == "Allow" && !can(s.NotAction) && !can(s.NotResource)
      ]
    ]))
    error_message = "Policies must use Allow with Action and Resource, never NotAction or NotResource."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.kong.policy).Statement[0].Condition == { StringEquals = { "aws:SourceVpce" = ["vpce-0123456789abcdef0"] } }
    error_message = "With source_vpce_ids the invoke statement must be conditioned on aws:SourceVpce."
  }

  assert {
    condition = jsonencode([for s in jsondecode(aws_iam_role_policy.kong.policy).Statement : [s.Action, s.Resource]]) == jsonencode([
      ["lambda:InvokeFunction", [
        "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2:7",
      ]],
      ["sts:AssumeRole", ["arn:aws:iam::210987654321:role/kong-invoker"]],
      ["secretsmanager:GetSecretValue", ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf"]],
      [["ssm:GetParameter", "ssm:GetParameters"], ["arn:aws:ssm:eu-west-1:123456789012:parameter/kong-gateway/kong/pg-password"]],
      [["s3:GetObject", "s3:GetObjectVersion"], ["arn:aws:s3:::kong-artifacts-123456789012/kong-plugins/openapi-request-validator_0.2.0_linux_amd64.tar.gz"]],
      [output.actions_without_resource_scope, "*"],
    ])
    error_message = "The optional statements must allow exactly sts:AssumeRole on the listed roles and GetSecretValue on the listed secrets."
  }
}

run "session_manager_can_be_disabled" {
  command = plan

  variables {
    enable_ssm_session_manager = false
  }

  assert {
    condition     = jsonencode([for s in jsondecode(aws_iam_role_policy.kong.policy).Statement : s.Sid]) == jsonencode(["InvokeKongBackends"]) && length(output.actions_without_resource_scope) == 0
    error_message = "enable_ssm_session_manager = false must leave no Session Manager statement and no action on Resource \"*\"."
  }
}

run "outputs_after_apply" {
  assert {
    condition     = output.role_arn == "arn:aws:iam::123456789012:role/kong-gateway" && output.role_name == "kong-gateway"
    error_message = "role_arn and role_name must come from the role."
  }

  assert {
    condition     = output.instance_profile_name == "kong-gateway" && output.instance_profile_arn == "arn:aws:iam::123456789012:instance-profile/kong-gateway"
    error_message = "The instance profile outputs must come from the instance profile."
  }
}

run "rejects_wildcard_qualifier" {
  command = plan

  variables {
    lambda_functions = {
      api1 = {
        arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
        qualifiers = ["*"]
      }
    }
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_latest" {
  command = plan

  variables {
    lambda_functions = {
      api1 = {
        arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
        qualifiers = ["$LATEST"]
      }
    }
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_a_function_without_qualifier" {
  command = plan

  variables {
    lambda_functions = {
      api1 = {
        arn        = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
        qualifiers = []
      }
    }
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_wildcard_parameter_path" {
  command = plan

  variables {
    ssm_parameter_arns = ["arn:aws:ssm:eu-west-1:123456789012:parameter/kong-gateway/*"]
  }

  expect_failures = [var.ssm_parameter_arns]
}

run "rejects_wildcard_s3_object" {
  command = plan

  variables {
    s3_object_arns = ["arn:aws:s3:::kong-artifacts-123456789012/kong-plugins/*"]
  }

  expect_failures = [var.s3_object_arns]
}

run "rejects_wildcard_function_arn" {
  command = plan

  variables {
    lambda_functions = {
      all = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:*", qualifiers = ["live"] }
    }
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_no_functions" {
  command = plan

  variables {
    lambda_functions = {}
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_wildcard_secret" {
  command = plan

  variables {
    secret_arns = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:*"]
  }

  expect_failures = [var.secret_arns]
}

run "rejects_wildcard_assume_role" {
  command = plan

  variables {
    assume_role_arns = ["arn:aws:iam::210987654321:role/*"]
  }

  expect_failures = [var.assume_role_arns]
}

# The CloudWatch agent ships Kong's access logs and metrics: only to the named groups, streams by pattern under them.
run "log_shipping_is_scoped_to_the_named_groups" {
  command = plan

  variables {
    log_group_arns = ["arn:aws:logs:eu-west-1:123456789012:log-group:/kong-gateway/access"]
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.kong.policy).Statement : s if s.Sid == "ShipKongLogs"]) == {
      Sid      = "ShipKongLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
      Resource = ["arn:aws:logs:eu-west-1:123456789012:log-group:/kong-gateway/access", "arn:aws:logs:eu-west-1:123456789012:log-group:/kong-gateway/access:log-stream:*"]
    }
    error_message = "The log statement must name the group and its streams only, and never grant CreateLogGroup or another group."
  }
}

run "rejects_a_wildcard_log_group" {
  command = plan

  variables {
    log_group_arns = ["arn:aws:logs:eu-west-1:123456789012:log-group:*"]
  }

  expect_failures = [var.log_group_arns]
}

# The secret RDS manages for a database's master password is named "rds!db-<id>".
run "accepts_a_secret_rds_manages" {
  command = plan

  variables {
    secret_arns = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-AbCdEf"]
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.kong.policy).Statement : s.Resource if s.Sid == "ReadKongSecrets"]) == ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-AbCdEf"]
    error_message = "An RDS-managed secret must be readable by its exact ARN."
  }
}
