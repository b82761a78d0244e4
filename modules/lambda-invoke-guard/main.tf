# Makes Kong the only way to the functions, as far as AWS policy can:
#
# 1. The functions' resource policies name the Kong role, per qualified alias, and nobody else. The ALB's invoke
#    permission is not here: modules/target-groups owns it while a direct Lambda target group remains, and emptying
#    its lambda_target_groups after the cutover removes it.
# 2. A service control policy (an output, attached by the organization's management account) denies every
#    invocation of the functions, whatever the qualifier, to every principal of the account but the Kong role and the
#    deploy roles, and keeps everyone but the deploy roles from changing the functions' code, aliases or permissions.
#
# What it cannot do: an SCP does not restrict the management account, service principals (a remaining ALB
# permission) or principals of other accounts, which their own accounts' SCPs govern. Resource-based policies only
# add grants: inside the account an identity policy alone can allow an invocation, which is why the SCP exists.

locals {
  qualified_arns = {
    for pair in flatten([
      for name, fn in var.lambda_functions : [for q in fn.qualifiers : { key = "${name}:${q}", arn = fn.arn, qualifier = q }]
    ]) : pair.key => pair
  }

  unqualified_and_all_qualifiers = sort(flatten([for fn in values(var.lambda_functions) : [fn.arn, "${fn.arn}:*"]]))

  invoke_actions = ["lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeWithResponseStream", "lambda:InvokeFunctionUrl"]

  # Changing code, aliases, configuration or resource policy would let anyone who may do it reopen a way around Kong.
  change_actions = [
    "lambda:AddPermission",
    "lambda:CreateAlias",
    "lambda:CreateFunctionUrlConfig",
    "lambda:DeleteAlias",
    "lambda:PublishVersion",
    "lambda:RemovePermission",
    "lambda:UpdateAlias",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:UpdateFunctionUrlConfig",
  ]

  scp = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OnlyKongInvokesKongBackends"
        Effect    = "Deny"
        Action    = local.invoke_actions
        Resource  = local.unqualified_and_all_qualifiers
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = concat([var.kong_role_arn], var.deploy_role_arns) } }
      },
      {
        Sid       = "OnlyDeployRolesChangeKongBackends"
        Effect    = "Deny"
        Action    = local.change_actions
        Resource  = local.unqualified_and_all_qualifiers
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = var.deploy_role_arns } }
      },
    ]
  }
}

# One statement per alias: the Kong role may invoke exactly "<function>:<alias>". In the same account the role's
# identity policy would suffice; this statement makes the grant visible on the function and is what another account's
# Kong role would need.
resource "aws_lambda_permission" "kong" {
  for_each = local.qualified_arns

  statement_id  = "${var.statement_id_prefix}-${replace(each.key, ":", "-")}"
  action        = "lambda:InvokeFunction"
  function_name = each.value.arn
  qualifier     = each.value.qualifier
  principal     = var.kong_role_arn
}
