data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition

  lambda_resources = flatten([
    for fn in values(var.lambda_functions) : concat([fn.arn], [for q in fn.qualifiers : "${fn.arn}:${q}"])
  ])

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

  # Built with jsonencode rather than aws_iam_policy_document so the exact
  # document is known at plan time and tests can assert on it.
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat([local.invoke_statement], local.assume_role_statements, local.secret_statements)
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
  description          = "Kong Gateway EC2 instance: invokes the listed Lambda backends"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy" "kong" {
  name   = "kong-gateway"
  role   = aws_iam_role.this.name
  policy = local.inline_policy
}

resource "aws_iam_role_policy_attachment" "ssm_managed_instance_core" {
  count = var.enable_ssm_session_manager ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "this" {
  name = var.name
  path = var.path
  role = aws_iam_role.this.name
  tags = var.tags
}
