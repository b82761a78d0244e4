variable "name_prefix" {
  description = "Prefix for the names of the endpoint security group and the endpoints' Name tags."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$", var.name_prefix))
    error_message = "var.name_prefix must be 1-201 characters of letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit."
  }
}

variable "vpc_id" {
  description = "VPC for the endpoints. It must have enableDnsSupport and enableDnsHostnames for private DNS."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "var.vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Subnets (one per Availability Zone) for the endpoint network interfaces."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "var.subnet_ids must list at least one subnet ID (subnet-...)."
  }
}

variable "services" {
  description = "Interface endpoints to create: lambda (Kong's aws-lambda plugin), sts (plugin aws_assume_role_arn), ssm, ssmmessages and ec2messages (Session Manager), logs, secretsmanager."
  type        = set(string)
  default     = ["lambda"]

  validation {
    condition     = length(var.services) > 0 && length(setsubtract(var.services, ["lambda", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "secretsmanager"])) == 0
    error_message = "var.services must be a non-empty subset of lambda, sts, ssm, ssmmessages, ec2messages, logs, secretsmanager."
  }
}

variable "private_dns_enabled" {
  description = <<-EOT
    false (default, "isolated"): the endpoints change nothing else in the VPC. Callers reach them only by their own
    DNS names (output `dns_names`; for Kong, the aws-lambda plugin's `host`), the security group admits only Kong and
    the lambda endpoint policy only the Kong role. It also works where the VPC already has private-DNS endpoints for
    these services. true ("shared"): the services' public names resolve to these endpoints for every workload in the
    VPC, so `vpc_callers` must admit the VPC's other callers, and the lambda endpoint policy only denies invoking
    Kong's functions as anyone but the Kong role; IAM restricts the rest.
  EOT
  type        = bool
  default     = false
}

variable "vpc_callers" {
  description = "With private_dns_enabled = true: the VPC's other callers of these services, admitted on TCP 443 besides Kong (for example the VPC CIDR, or the security groups of other Lambda functions). Required then; ignored otherwise."
  type = object({
    cidr_blocks        = optional(list(string), [])
    security_group_ids = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.vpc_callers == null ? true : alltrue([for cidr in var.vpc_callers.cidr_blocks : can(cidrhost(cidr, 0)) && !endswith(cidr, "/0")])
    error_message = "var.vpc_callers.cidr_blocks must be IPv4 CIDR blocks inside the VPC (not 0.0.0.0/0)."
  }

  validation {
    condition     = var.vpc_callers == null ? true : alltrue([for id in var.vpc_callers.security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "var.vpc_callers.security_group_ids must be security group IDs (sg-...)."
  }
}

variable "kong_security_group_id" {
  description = "Security group of the Kong instance: the only source admitted to the endpoints (TCP 443)."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.kong_security_group_id))
    error_message = "var.kong_security_group_id must be a security group ID (sg-...)."
  }
}

variable "kong_role_arn" {
  description = "ARN of the Kong instance role: the only principal the lambda endpoint policy admits. Required when services include lambda."
  type        = string
  default     = null

  validation {
    condition     = var.kong_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.kong_role_arn))
    error_message = "var.kong_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>) without wildcards."
  }
}

variable "lambda_function_arns" {
  description = "Qualified ARNs (alias or version) of the functions Kong may invoke through the lambda endpoint, such as arn:aws:lambda:eu-west-1:123456789012:function:api1:live. Isolated, the endpoint policy allows the Kong role exactly these; shared, it denies every other principal all qualifiers of these functions. Required when services include lambda."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.lambda_function_arns : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}:([0-9]+|[A-Za-z0-9_-]{1,128})$", arn)) && !endswith(arn, ":$LATEST")])
    error_message = "var.lambda_function_arns must contain qualified Lambda function ARNs (arn:<partition>:lambda:<region>:<account>:function:<name>:<alias or version>), without wildcards, $LATEST or an unqualified ARN."
  }
}

variable "tags" {
  description = "Tags for the security group and the endpoints."
  type        = map(string)
  default     = {}
}
