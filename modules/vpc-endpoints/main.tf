data "aws_region" "current" {}

# Service names start with the partition's reverse DNS prefix
# (com.amazonaws, cn.com.amazonaws, ...).
data "aws_partition" "current" {}

locals {
  # Two ways to place the endpoints, chosen by var.private_dns_enabled:
  #
  # - isolated (private DNS off, the default): nothing else in the VPC notices the endpoints. Only callers that are
  #   configured with the endpoint-specific DNS name (Kong's aws-lambda `host`) use them, the security group admits
  #   only Kong, and the lambda endpoint policy admits only the Kong role on its qualified function ARNs.
  # - shared (private DNS on): lambda.<region>.amazonaws.com and the other service names resolve to these endpoints
  #   for every workload in the VPC. The security group must then admit the VPC's other callers
  #   (var.vpc_callers), the lambda endpoint policy allows what the AWS default allows except invoking Kong's
  #   functions as anyone but the Kong role, and IAM does the rest of the restricting.
  shared = var.private_dns_enabled

  unqualified_function_arns = distinct([for arn in var.lambda_function_arns : regex("^(.*:function:[^:]+):[^:]+$", arn)[0]])

  isolated_lambda_policy = {
    Version = "2012-10-17"
    Statement = [{
      Sid       = "KongInvokesListedAliases"
      Effect    = "Allow"
      Principal = { AWS = var.kong_role_arn }
      Action    = "lambda:InvokeFunction"
      Resource  = sort(var.lambda_function_arns)
    }]
  }

  # The first statement is the AWS default endpoint policy, written out; the second keeps every principal but the
  # Kong role from invoking Kong's functions (any qualifier) through this endpoint.
  shared_lambda_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AwsDefaultForOtherCallers"
        Effect    = "Allow"
        Principal = "*"
        Action    = "*"
        Resource  = "*"
      },
      {
        Sid       = "OnlyKongInvokesKongBackends"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeWithResponseStream"]
        Resource  = flatten([for arn in local.unqualified_function_arns : [arn, "${arn}:*"]])
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = var.kong_role_arn } }
      },
    ]
  }

  lambda_endpoint_policy = local.shared ? jsonencode(local.shared_lambda_policy) : jsonencode(local.isolated_lambda_policy)
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-vpc-endpoints"
  description = local.shared ? "Interface VPC endpoints with private DNS: HTTPS from Kong and the VPC's other callers" : "Interface VPC endpoints: HTTPS from the Kong instance only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name_prefix}-vpc-endpoints" })

  lifecycle {
    precondition {
      condition     = !local.shared || var.vpc_callers != null
      error_message = "private_dns_enabled = true makes these endpoints answer for every workload in the VPC: set var.vpc_callers to the CIDRs or security groups of the VPC's other callers of these services (an empty object if there are provably none), or keep private DNS off and point Kong at the endpoint's own DNS name."
    }
  }
}

# Interface endpoints only ever receive connections, so the group has no
# egress rule (Terraform removes AWS's default allow-all egress).
resource "aws_vpc_security_group_ingress_rule" "https_from_kong" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the Kong instance"
  referenced_security_group_id = var.kong_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  tags                         = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "https_from_vpc_cidrs" {
  for_each = local.shared && var.vpc_callers != null ? toset(var.vpc_callers.cidr_blocks) : toset([])

  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS from the VPC's other callers (private DNS is on)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "https_from_vpc_security_groups" {
  for_each = local.shared && var.vpc_callers != null ? toset(var.vpc_callers.security_group_ids) : toset([])

  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the VPC's other callers (private DNS is on)"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  tags                         = var.tags
}

resource "aws_vpc_endpoint" "this" {
  for_each = var.services

  vpc_id              = var.vpc_id
  service_name        = "${data.aws_partition.current.reverse_dns_prefix}.${data.aws_region.current.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = var.private_dns_enabled
  policy              = each.key == "lambda" ? local.lambda_endpoint_policy : null
  tags                = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })

  lifecycle {
    precondition {
      condition     = each.key != "lambda" || (var.kong_role_arn != null && length(var.lambda_function_arns) > 0)
      error_message = "The lambda endpoint needs var.kong_role_arn and at least one var.lambda_function_arns entry: its policy admits only that role invoking those functions."
    }
  }
}
