variable "name" {
  description = "Name of the IAM role and of its instance profile."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.name))
    error_message = "var.name must be 1-64 characters of letters, digits and +=,.@_- (an IAM role name)."
  }
}

variable "path" {
  description = "IAM path for the role and the instance profile."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([\\x21-\\x7E]{0,510}/)?$", var.path))
    error_message = "var.path must start and end with \"/\" (for example \"/\" or \"/kong/\")."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of a managed policy to set as the role's permissions boundary, or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/.+$", var.permissions_boundary_arn))
    error_message = "var.permissions_boundary_arn must be an IAM policy ARN (arn:<partition>:iam::<account>:policy/<name>)."
  }
}

variable "lambda_functions" {
  description = <<-EOT
    Lambda functions Kong may invoke, keyed by a short name. `arn` is the unqualified function ARN; `qualifiers` lists
    the aliases or versions Kong calls (the aws-lambda plugin's `qualifier`), at least one. The policy allows exactly
    one qualified ARN per qualifier and never the unqualified ARN: Lambda matches the resource against function name
    and qualifier, so the role cannot invoke $LATEST (the unpublished code) or any other alias.
  EOT
  type = map(object({
    arn        = string
    qualifiers = set(string)
  }))

  validation {
    condition     = length(var.lambda_functions) > 0
    error_message = "var.lambda_functions must list at least one function: the role exists to invoke Kong's Lambda backends."
  }

  validation {
    condition = alltrue([
      for fn in values(var.lambda_functions) :
      can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", fn.arn))
    ])
    error_message = "var.lambda_functions[*].arn must be an unqualified Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), without wildcards or a qualifier."
  }

  validation {
    condition = alltrue(flatten([
      for fn in values(var.lambda_functions) : [
        length(fn.qualifiers) > 0,
        [for q in fn.qualifiers : can(regex("^([0-9]+|[A-Za-z0-9_-]{1,128})$", q)) && q != "$LATEST"],
      ]
    ]))
    error_message = "var.lambda_functions[*].qualifiers must list at least one alias name or version number; $LATEST and wildcards are not allowed (Kong invokes published code only)."
  }
}

variable "source_vpce_ids" {
  description = "If set, Lambda invocations are allowed only through these VPC endpoints (condition aws:SourceVpce)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.source_vpce_ids : can(regex("^vpce-[0-9a-f]+$", id))])
    error_message = "var.source_vpce_ids must contain VPC endpoint IDs (vpce-...)."
  }
}

variable "assume_role_arns" {
  description = "Roles Kong may assume (sts:AssumeRole), for example Lambda invokers in other accounts via the plugin's aws_assume_role_arn. Each target role must also trust this role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.assume_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", arn))])
    error_message = "var.assume_role_arns must contain IAM role ARNs (arn:<partition>:iam::<account>:role/<name>) without wildcards."
  }
}

variable "secret_arns" {
  description = "Secrets Manager secrets Kong may read (secretsmanager:GetSecretValue), as full secret ARNs including the random suffix. Secrets other services manage are named with a \"!\" (RDS: \"rds!db-...\") and are accepted."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@!-]+$", arn))])
    error_message = "var.secret_arns must contain Secrets Manager secret ARNs (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<suffix>) without wildcards."
  }
}

variable "log_group_arns" {
  description = "CloudWatch Logs groups the instance's CloudWatch agent writes to (access logs, Kong's metrics as embedded metric format): logs:CreateLogStream, DescribeLogStreams and PutLogEvents on each group and its streams. Exact log group ARNs, without \":*\"."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.log_group_arns : can(regex("^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:log-group:[A-Za-z0-9/_.#-]+$", arn))])
    error_message = "var.log_group_arns must contain CloudWatch Logs log group ARNs (arn:<partition>:logs:<region>:<account>:log-group:<name>) without wildcards or a trailing \":*\"."
  }
}

variable "ssm_parameter_arns" {
  description = "SSM parameters Kong's instance may read (ssm:GetParameter, ssm:GetParameters), as exact parameter ARNs, for example the Kong database password. Paths with wildcards are refused."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.ssm_parameter_arns : can(regex("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+$", arn))])
    error_message = "var.ssm_parameter_arns must contain SSM parameter ARNs (arn:<partition>:ssm:<region>:<account>:parameter/<name>) without wildcards."
  }
}

variable "s3_object_arns" {
  description = "S3 objects the instance may download at boot (s3:GetObject, s3:GetObjectVersion), as exact object ARNs, for example the release archive of a Kong plugin. Prefixes with wildcards are refused."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.s3_object_arns : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^*?]+$", arn))])
    error_message = "var.s3_object_arns must contain S3 object ARNs (arn:<partition>:s3:::<bucket>/<key>) without wildcards."
  }
}

variable "enable_ssm_session_manager" {
  description = "Grant the SSM Agent's Session Manager actions (ssm:UpdateInstanceInformation and the four ssmmessages channel actions) in the inline policy, so operators use Session Manager instead of SSH. AmazonSSMManagedInstanceCore is never attached: it would grant ssm:GetParameter(s) on every parameter."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the role and the instance profile."
  type        = map(string)
  default     = {}
}
