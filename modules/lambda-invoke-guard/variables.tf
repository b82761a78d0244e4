variable "lambda_functions" {
  description = "The functions only Kong may invoke, keyed by a short name: the unqualified ARN and the aliases or versions Kong invokes (at least one; $LATEST is refused)."
  type = map(object({
    arn        = string
    qualifiers = set(string)
  }))

  validation {
    condition     = length(var.lambda_functions) > 0
    error_message = "var.lambda_functions must list at least one function."
  }

  validation {
    condition     = alltrue([for fn in values(var.lambda_functions) : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", fn.arn))])
    error_message = "var.lambda_functions[*].arn must be an unqualified Lambda function ARN without wildcards; put aliases in qualifiers."
  }

  validation {
    condition = alltrue(flatten([
      for fn in values(var.lambda_functions) : [length(fn.qualifiers) > 0, [for q in fn.qualifiers : can(regex("^([0-9]+|[A-Za-z0-9_-]{1,128})$", q)) && q != "$LATEST"]]
    ]))
    error_message = "var.lambda_functions[*].qualifiers must list at least one alias or version; $LATEST and wildcards are not allowed."
  }
}

variable "kong_role_arn" {
  description = "ARN of the Kong instance role: the only principal the functions' resource policies name, and the only one besides the deploy roles the SCP lets invoke."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.kong_role_arn))
    error_message = "var.kong_role_arn must be an IAM role ARN without wildcards."
  }
}

variable "deploy_role_arns" {
  description = "Roles that deploy the functions (CI): the only principals the SCP lets change code, aliases, configuration or permissions, and that may still invoke (smoke tests). At least one, or nobody could deploy."
  type        = list(string)

  validation {
    condition     = length(var.deploy_role_arns) > 0 && alltrue([for arn in var.deploy_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", arn))])
    error_message = "var.deploy_role_arns must list at least one IAM role ARN, without wildcards."
  }
}

variable "statement_id_prefix" {
  description = "Prefix of the resource policy statement ids (\"<prefix>-<name>-<alias>\")."
  type        = string
  default     = "AllowKongGateway"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,60}$", var.statement_id_prefix))
    error_message = "var.statement_id_prefix must be 1-60 letters, digits, \"_\" or \"-\"."
  }
}
