data "aws_region" "current" {}

# Service names start with the partition's reverse DNS prefix
# (com.amazonaws, cn.com.amazonaws, ...).
data "aws_partition" "current" {}

locals {
  # Lambda matches the resource against function name and qualifier: the
  # unqualified ARN covers unqualified calls and "<arn>:*" covers versions and
  # aliases. This suffix is the only wildcard the module writes.
  lambda_endpoint_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "KongInvokesListedFunctions"
      Effect    = "Allow"
      Principal = { AWS = var.kong_role_arn }
      Action    = "lambda:InvokeFunction"
      Resource  = flatten([for arn in var.lambda_function_arns : [arn, "${arn}:*"]])
    }]
  })
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-vpc-endpoints"
  description = "Interface VPC endpoints: HTTPS from the Kong instance only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name_prefix}-vpc-endpoints" })
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
