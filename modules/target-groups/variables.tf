variable "name" {
  description = "Name of the IP target group for NGINX on the Kong instance."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", var.name))
    error_message = "var.name must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen (a target group name)."
  }
}

variable "vpc_id" {
  description = "VPC of the Kong instance."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "var.vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "port" {
  description = "Port NGINX listens on."
  type        = number
  default     = 80

  validation {
    condition     = var.port >= 1 && var.port <= 65535 && floor(var.port) == var.port
    error_message = "var.port must be an integer from 1 to 65535."
  }
}

variable "protocol" {
  description = "Protocol from the ALB to NGINX: HTTP, or HTTPS if NGINX terminates TLS."
  type        = string
  default     = "HTTP"

  validation {
    condition     = contains(["HTTP", "HTTPS"], var.protocol)
    error_message = "var.protocol must be HTTP or HTTPS."
  }
}

variable "target_type" {
  description = "How Kong's instances are registered: \"ip\" (var.target_ips, a single instance managed elsewhere) or \"instance\" (an Auto Scaling group registers its instances itself through target_group_arns)."
  type        = string
  default     = "ip"

  validation {
    condition     = contains(["ip", "instance"], var.target_type)
    error_message = "var.target_type must be \"ip\" or \"instance\"."
  }
}

variable "target_ips" {
  description = "Private IPv4 addresses of the Kong instances to register, keyed by a stable name such as \"kong-a\". The keys name the attachments, so an address may come from an instance created in the same apply. Required (one or more) with target_type \"ip\"; empty with \"instance\"."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for ip in values(var.target_ips) : can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", ip)) && can(cidrhost("${ip}/32", 0))])
    error_message = "var.target_ips must map names to IPv4 addresses such as 10.0.1.25."
  }
}

variable "health_check" {
  description = "Health check against NGINX: its own /healthz (default), or Kong's status endpoint proxied by NGINX (for example path = \"/status\"). port: \"traffic-port\" (default), or another port NGINX answers the check on."
  type = object({
    path                = optional(string, "/healthz")
    port                = optional(string, "traffic-port")
    matcher             = optional(string, "200")
    interval            = optional(number, 15)
    timeout             = optional(number, 5)
    healthy_threshold   = optional(number, 3)
    unhealthy_threshold = optional(number, 3)
  })
  default = {}

  validation {
    condition     = can(regex("^/[A-Za-z0-9/_.~%!$&'()*+,;=:@-]*$", var.health_check.path)) && length(var.health_check.path) <= 1024
    error_message = "var.health_check.path must be an absolute URL path starting with \"/\", at most 1024 characters."
  }

  validation {
    condition     = can(regex("^[1-5][0-9]{2}(-[1-5][0-9]{2})?(,[1-5][0-9]{2}(-[1-5][0-9]{2})?)*$", var.health_check.matcher))
    error_message = "var.health_check.matcher must be HTTP codes such as \"200\", \"200,204\" or \"200-299\"."
  }

  validation {
    condition     = var.health_check.port == "traffic-port" || can(regex("^[1-9][0-9]{0,4}$", var.health_check.port)) && try(tonumber(var.health_check.port) <= 65535, false)
    error_message = "var.health_check.port must be \"traffic-port\" or a port number from 1 to 65535."
  }

  validation {
    condition = (
      var.health_check.interval >= 5 && var.health_check.interval <= 300 &&
      var.health_check.timeout >= 2 && var.health_check.timeout <= 120 &&
      var.health_check.timeout < var.health_check.interval
    )
    error_message = "var.health_check needs interval 5-300 s and timeout 2-120 s, with timeout shorter than interval."
  }

  validation {
    condition = (
      var.health_check.healthy_threshold >= 2 && var.health_check.healthy_threshold <= 10 &&
      var.health_check.unhealthy_threshold >= 2 && var.health_check.unhealthy_threshold <= 10
    )
    error_message = "var.health_check healthy_threshold and unhealthy_threshold must be 2-10."
  }
}

variable "deregistration_delay" {
  description = "Seconds the ALB lets in-flight requests drain from a deregistered target. Keep it above Kong's longest upstream timeout."
  type        = number
  default     = 30

  validation {
    condition     = var.deregistration_delay >= 0 && var.deregistration_delay <= 3600
    error_message = "var.deregistration_delay must be 0-3600 seconds."
  }
}

variable "lambda_target_groups" {
  description = <<-EOT
    Existing ALB-to-Lambda target groups kept while traffic moves to Kong, keyed by a short name. Each gets the
    aws_lambda_permission that lets elasticloadbalancing.amazonaws.com invoke the function, scoped to that target
    group's ARN. `function_arn` is unqualified; `qualifier` is the alias or version registered (the permission uses
    the same qualifier).
  EOT
  type = map(object({
    name                        = string
    function_arn                = string
    qualifier                   = optional(string)
    multi_value_headers_enabled = optional(bool, false)
  }))
  default = {}

  validation {
    condition     = alltrue([for key in keys(var.lambda_target_groups) : can(regex("^[A-Za-z0-9_-]{1,64}$", key))])
    error_message = "var.lambda_target_groups keys must be 1-64 letters, digits, \"_\" or \"-\" (they name the permission statements)."
  }

  validation {
    condition     = alltrue([for tg in values(var.lambda_target_groups) : can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", tg.name))])
    error_message = "var.lambda_target_groups[*].name must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen."
  }

  validation {
    condition     = alltrue([for tg in values(var.lambda_target_groups) : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", tg.function_arn))])
    error_message = "var.lambda_target_groups[*].function_arn must be an unqualified Lambda function ARN without wildcards; put an alias or version in qualifier."
  }

  validation {
    condition     = alltrue([for tg in values(var.lambda_target_groups) : tg.qualifier == null || can(regex("^(\\$LATEST|[0-9]+|[A-Za-z0-9_-]{1,128})$", tg.qualifier))])
    error_message = "var.lambda_target_groups[*].qualifier must be an alias name, a version number or $LATEST."
  }
}

variable "tags" {
  description = "Tags for the target groups."
  type        = map(string)
  default     = {}
}
