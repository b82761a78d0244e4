# Moving /dev/api1 from its direct ALB -> Lambda target group to Kong, one weight at a time, on the rule that
# already exists: the import block adopts it (Terraform >= 1.5; for_each on import blocks needs >= 1.7), so the first
# plan shows "will be imported" and an in-place change of its action, never a second rule at the same priority.
# Steps: kong_percent = 0 (import; the NGINX target group joins with weight 0), 10, 50, 100. A rollback is setting
# kong_percent back and applying: the rule is changed in place, so it takes effect within seconds.
provider "aws" {
  region = "eu-west-1"
}

variable "kong_percent" {
  description = "Share of /dev/api1 requests sent through Kong: 0, 10, 50, 100 (and back for a rollback)."
  type        = number
  default     = 0
}

locals {
  existing_rules = {
    # The rule the ALB already has for /dev/api1 (aws elbv2 describe-rules --listener-arn ...).
    api1 = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal/0123456789abcdef/fedcba9876543210/1111111111111111"
  }
}

import {
  for_each = local.existing_rules
  to       = module.alb_listener_rules.aws_lb_listener_rule.this[each.key]
  id       = each.value
}

module "alb_listener_rules" {
  source = "../../"

  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/0123456789abcdef/fedcba9876543210"

  migrations = {
    api1 = {
      # The existing rule's priority and path patterns, unchanged.
      priority                = 100
      path_patterns           = ["/dev/api1", "/dev/api1/*"]
      lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0123456789abcdef"
      kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
      kong_percent            = var.kong_percent
    }
  }
}
