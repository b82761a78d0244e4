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
  description = "Resolve the services' public names (lambda.<region>.amazonaws.com, ...) to the endpoints inside the VPC, so Kong's plugin needs no host override."
  type        = bool
  default     = true
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
  description = "Unqualified ARNs of the functions Kong may invoke through the lambda endpoint. The endpoint policy allows each ARN and its versions and aliases (\"<arn>:*\"). Required when services include lambda."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.lambda_function_arns : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", arn))])
    error_message = "var.lambda_function_arns must contain unqualified Lambda function ARNs (arn:<partition>:lambda:<region>:<account>:function:<name>) without wildcards."
  }
}

variable "tags" {
  description = "Tags for the security group and the endpoints."
  type        = map(string)
  default     = {}
}
