data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition

  # Qualified ARNs only: "<function>:<alias or version>". An unqualified ARN would let the role invoke $LATEST,
  # the unpublished code, bypassing the alias a deployment moves.
  lambda_resources = sort(flatten([
    for fn in values(var.lambda_functions) : [for q in fn.qualifiers : "${fn.arn}:${q}"]
  ]))

  invoke_statement = merge(
    {
      Sid      = "InvokeKongBackends"
      Effect   = "Allow"
      Action   = "lambda:InvokeFunction"
      Resource = local.lambda_resources
    },
    length(var.source_vpce_ids) == 0 ? {} : {
      Condition = { StringEquals = { "aws:SourceVpce" = var.source_vpce_ids } }
    },
  )

  assume_role_statements = length(var.assume_role_arns) == 0 ? [] : [{
    Sid      = "AssumeCrossAccountInvokers"
    Effect   = "Allow"
    Action   = "sts:AssumeRole"
    Resource = var.assume_role_arns
  }]

  secret_statements = length(var.secret_arns) == 0 ? [] : [{
    Sid      = "ReadKongSecrets"
    Effect   = "Allow"
    Action   = "secretsmanager:GetSecretValue"
    Resource = var.secret_arns
  }]

  # The CloudWatch agent names its streams after the instance, so the streams are the one resource given by pattern:
  # ":log-stream:*" under each named log group, never another group.
  log_statements = length(var.log_group_arns) == 0 ? [] : [{
    Sid      = "ShipKongLogs"
    Effect   = "Allow"
    Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
    Resource = flatten([for arn in var.log_group_arns : [arn, "${arn}:log-stream:*"]])
  }]

  parameter_statements = length(var.ssm_parameter_arns) == 0 ? [] : [{
    Sid      = "ReadKongParameters"
    Effect   = "Allow"
    Action   = ["ssm:GetParameter", "ssm:GetParameters"]
    Resource = var.ssm_parameter_arns
  }]

  # GetObjectVersion as well: a download pinned to an object version (versionId) is authorised by it.
  object_statements = length(var.s3_object_arns) == 0 ? [] : [{
    Sid      = "DownloadBootObjects"
    Effect   = "Allow"
    Action   = ["s3:GetObject", "s3:GetObjectVersion"]
    Resource = var.s3_object_arns
  }]

  # What the SSM Agent needs for Session Manager, and nothing else: AmazonSSMManagedInstanceCore would also grant
  # ssm:GetParameter(s) on every parameter in the account, plus State Manager and patching. The ssmmessages actions
  # have no resource types, and ssm:UpdateInstanceInformation is called before the instance's ARN is known, so these
  # are the only actions the module ever grants on "*" (local.actions_without_resource_scope, checked by the tests).
  session_manager_statements = var.enable_ssm_session_manager ? [{
    Sid      = "SessionManagerAgent"
    Effect   = "Allow"
    Action   = local.actions_without_resource_scope
    Resource = "*"
  }] : []

  actions_without_resource_scope = [
    "ssm:UpdateInstanceInformation",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ]

  # Built with jsonencode rather than aws_iam_policy_document so the exact
  # document is known at plan time and tests can assert on it.
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [local.invoke_statement], local.assume_role_statements, local.secret_statements, local.parameter_statements,
      local.object_statements,
      local.log_statements,
      local.session_manager_statements,
    )
  })

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EC2AssumeRole"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.${data.aws_partition.current.dns_suffix}" }
    }]
  })
}

resource "aws_iam_role" "this" {
  name                 = var.name
  path                 = var.path
  description          = "Kong Gateway EC2 instance: invokes the listed Lambda aliases"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

# The role's only policy. No managed policy is attached, so everything the instance may do is in this document.
resource "aws_iam_role_policy" "kong" {
  name   = "kong-gateway"
  role   = aws_iam_role.this.name
  policy = local.inline_policy
}

resource "aws_iam_instance_profile" "this" {
  name = var.name
  path = var.path
  role = aws_iam_role.this.name
  tags = var.tags
}
