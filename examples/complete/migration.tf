# The migration from the ALB's direct Lambda routes to Kong, as code (docs/guides/migration.md is the runbook).
#
# For each API in var.cutover, the listener rule that forwards /dev/<api> to the function's Lambda target group today
# is imported as it is and turned into a weighted forward between that target group and NGINX's: kong_percent walks
# 0 -> 10 -> 50 -> 100, and a rollback sets it lower again. NGINX has a location for the legacy path from step 0 on
# (edge.tf, nginx-ui.conf.tftpl), so moving weights never changes the instances: each step's plan changes one listener
# rule in place and nothing else.

locals {
  # Kong routes each API on the path the functions already see from the ALB (kong.tf: strip_path = false).
  api_path_prefixes = { api1 = "/dev/api1", api2 = "/dev/api2" }

  cutover_migrations = {
    for api, c in var.cutover : "legacy_${api}" => {
      priority                = c.existing_rule_priority
      path_patterns           = coalesce(c.path_patterns, [local.api_path_prefixes[api], "${local.api_path_prefixes[api]}/*"])
      host_headers            = c.host_headers
      lambda_target_group_arn = c.lambda_target_group_arn
      kong_target_group_arn   = module.target_groups.nginx_target_group_arn
      kong_percent            = c.kong_percent
    }
  }

  # The legacy paths NGINX passes to Kong unchanged while their APIs migrate.
  legacy_api_prefixes = [for api in sort(keys(var.cutover)) : local.api_path_prefixes[api]]
}

# Adopt each existing rule instead of creating a second one: the first plan of step 0 shows it "will be imported" and
# updated in place (Kong's target group joins with weight 0). Once in the state, the block changes nothing.
import {
  for_each = var.cutover
  to       = module.alb_listener_rules.aws_lb_listener_rule.this["legacy_${each.key}"]
  id       = each.value.existing_rule_arn
}

output "cutover" {
  description = "Each migrating API's split between Kong and its Lambda target group (percent) and the priority of its imported rule, as this plan sets them."
  value       = { for key, w in module.alb_listener_rules.migration_weights : trimprefix(key, "legacy_") => w }
}
