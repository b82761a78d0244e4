mock_provider "aws" {}

variables {
  lambda_functions = {
    api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1", qualifiers = ["live"] }
    api2 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2", qualifiers = ["live", "7"] }
  }
  kong_role_arn    = "arn:aws:iam::123456789012:role/kong-gateway"
  deploy_role_arns = ["arn:aws:iam::123456789012:role/lambda-deploy"]
}

run "resource_policies_name_only_kong_on_qualified_aliases" {
  command = plan

  assert {
    condition = { for k, p in aws_lambda_permission.kong : k => [p.function_name, p.qualifier, p.principal, p.action] } == {
      "api1:live" = ["arn:aws:lambda:eu-west-1:123456789012:function:api1", "live", "arn:aws:iam::123456789012:role/kong-gateway", "lambda:InvokeFunction"]
      "api2:7"    = ["arn:aws:lambda:eu-west-1:123456789012:function:api2", "7", "arn:aws:iam::123456789012:role/kong-gateway", "lambda:InvokeFunction"]
      "api2:live" = ["arn:aws:lambda:eu-west-1:123456789012:function:api2", "live", "arn:aws:iam::123456789012:role/kong-gateway", "lambda:InvokeFunction"]
    }
    error_message = "Each alias must admit the Kong role, and only it, to lambda:InvokeFunction; no statement on the unqualified function ($LATEST)."
  }

  assert {
    condition     = alltrue([for p in aws_lambda_permission.kong : p.source_arn == null && p.principal_org_id == null])
    error_message = "The Kong permission must name the role itself, not an organization or a source."
  }
}

run "scp_denies_invocation_to_all_but_kong_and_deploy" {
  command = plan

  assert {
    condition = jsonencode(jsondecode(output.scp_json).Statement[0]) == jsonencode({
      Action    = ["lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeWithResponseStream", "lambda:InvokeFunctionUrl"]
      Condition = { ArnNotEquals = { "aws:PrincipalArn" = ["arn:aws:iam::123456789012:role/kong-gateway", "arn:aws:iam::123456789012:role/lambda-deploy"] } }
      Effect    = "Deny"
      Resource = [
        "arn:aws:lambda:eu-west-1:123456789012:function:api1",
        "arn:aws:lambda:eu-west-1:123456789012:function:api1:*",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2",
        "arn:aws:lambda:eu-west-1:123456789012:function:api2:*",
      ]
      Sid = "OnlyKongInvokesKongBackends"
    })
    error_message = "The SCP must deny every invocation of the functions, any qualifier, to every principal but Kong's role and the deploy roles."
  }

  assert {
    condition = (
      jsondecode(output.scp_json).Statement[1].Effect == "Deny" &&
      contains(jsondecode(output.scp_json).Statement[1].Action, "lambda:AddPermission") &&
      contains(jsondecode(output.scp_json).Statement[1].Action, "lambda:UpdateAlias") &&
      jsondecode(output.scp_json).Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"] == ["arn:aws:iam::123456789012:role/lambda-deploy"]
    )
    error_message = "Only the deploy roles may change the functions' code, aliases or permissions."
  }

  assert {
    condition     = alltrue([for s in jsondecode(output.scp_json).Statement : s.Effect == "Deny"])
    error_message = "The SCP must only deny: it grants nothing."
  }

  assert {
    condition = jsonencode(output.invocable_arns) == jsonencode([
      "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
      "arn:aws:lambda:eu-west-1:123456789012:function:api2:7",
      "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
    ])
    error_message = "invocable_arns must list exactly the qualified aliases."
  }
}

run "rejects_latest" {
  command = plan

  variables {
    lambda_functions = { api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1", qualifiers = ["$LATEST"] } }
  }

  expect_failures = [var.lambda_functions]
}

run "rejects_no_deploy_role" {
  command = plan

  variables {
    deploy_role_arns = []
  }

  expect_failures = [var.deploy_role_arns]
}

run "rejects_wildcard_kong_role" {
  command = plan

  variables {
    kong_role_arn = "arn:aws:iam::123456789012:role/*"
  }

  expect_failures = [var.kong_role_arn]
}
