# The migration runbook (docs/guides/migration.md), step by step on the plan: api1's existing ALB rule is imported and
# moved to Kong by weight, 0 -> 10 -> 50 -> 100, rolled back, and finally retired. Every step asserts the rule's
# weights and the NGINX configuration the instances run; moving a weight must change nothing else.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "kong" {
  source = "./tests/mocks-kong"
}

# Known at plan, as they are once the NGINX target group exists: the imported rules' actions name it.
override_resource {
  target          = module.target_groups.aws_lb_target_group.nginx
  override_during = plan
  values = {
    arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
    arn_suffix = "targetgroup/kong-nginx/0123456789abcdef"
  }
}

# A mock provider cannot import: these stand for the rules the ALB has today, as `aws elbv2 describe-rules` shows them.
override_resource {
  target = module.alb_listener_rules.aws_lb_listener_rule.this["legacy_api1"]
  values = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/1111111111111111" }
}

override_resource {
  target = module.alb_listener_rules.aws_lb_listener_rule.this["legacy_api2"]
  values = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/2222222222222222" }
}

variables {
  api1_lambda_tg = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/1111111111111111"
  api1_rule_arn  = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/1111111111111111"
  nginx_tg       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
}

# Step 1: import the existing rule; Kong's target group joins it with weight 0; NGINX gets the legacy location.
run "step_0_import_and_prepare" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 0
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  # Known at plan only because the rule is imported: a rule created anew would have no ARN until applied.
  assert {
    condition     = module.alb_listener_rules.migration_rules["legacy_api1"].arn == var.api1_rule_arn
    error_message = "api1's existing rule must be imported, not created next to it."
  }

  assert {
    condition     = module.alb_listener_rules.migration_rules["legacy_api1"].weights == { (var.api1_lambda_tg) = 100, (var.nginx_tg) = 0 }
    error_message = "Step 0 must keep every request on the Lambda target group."
  }

  assert {
    condition = (
      module.alb_listener_rules.migration_rules["legacy_api1"].priority == 100 &&
      toset(module.alb_listener_rules.migration_rules["legacy_api1"].path_patterns) == toset(["/dev/api1", "/dev/api1/*"])
    )
    error_message = "The imported rule must keep its priority and path patterns."
  }

  assert {
    condition     = output.cutover == { api1 = { kong = 0, lambda = 100, priority = 100 } }
    error_message = "The cutover output must report step 0."
  }

  assert {
    condition     = !contains(keys(module.alb_listener_rules.rules), "retired_api1") && module.alb_listener_rules.rules["retired_api2"].fixed_response == "403"
    error_message = "A migrating API keeps its rule; the other stays retired."
  }

  # NGINX passes the legacy path to Kong unchanged (no URI on proxy_pass), for the exact path and everything under it.
  assert {
    condition = (
      can(regex("location = /dev/api1 \\{\\s+proxy_read_timeout 55s;\\s+proxy_pass http://kong_proxy;\\s+\\}", output.nginx_servers.ui)) &&
      can(regex("location /dev/api1/ \\{\\s+proxy_read_timeout 55s;\\s+proxy_pass http://kong_proxy;\\s+\\}", output.nginx_servers.ui)) &&
      !can(regex("location[^{]*/dev/api2", output.nginx_servers.ui))
    )
    error_message = "NGINX must forward /dev/api1 and /dev/api1/... to Kong unchanged, and nothing for api2, which is not migrating."
  }

  assert {
    condition = alltrue([
      for target in flatten(regexall("(?m)^\\s*proxy_pass\\s+([^;]+);", output.nginx_servers.ui)) :
      contains(["http://kong_proxy/", "http://kong_proxy", "http://127.0.0.1:8100/status/ready"], target)
    ])
    error_message = "The legacy locations may only reach Kong's proxy."
  }
}

run "step_1_ten_percent" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 10
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  assert {
    condition     = module.alb_listener_rules.migration_rules["legacy_api1"].weights == { (var.api1_lambda_tg) = 90, (var.nginx_tg) = 10 }
    error_message = "Step 10 must send one request in ten through Kong."
  }

  # A weight change reaches no instance: the same NGINX and Kong configuration, the same launch template.
  assert {
    condition = (
      output.nginx_conf == run.step_0_import_and_prepare.nginx_conf &&
      output.kong_conf == run.step_0_import_and_prepare.kong_conf
    )
    error_message = "Moving a weight must not change the NGINX or Kong configuration."
  }
}

run "step_2_half" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 50
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  assert {
    condition     = output.cutover.api1 == { kong = 50, lambda = 50, priority = 100 }
    error_message = "Step 50 must split evenly."
  }

  assert {
    condition     = output.nginx_conf == run.step_0_import_and_prepare.nginx_conf
    error_message = "Moving a weight must not change the NGINX configuration."
  }
}

run "step_3_all_through_kong" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 100
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  # The Lambda target group stays in the rule with weight 0: the rollback is one weight, not a new rule.
  assert {
    condition     = module.alb_listener_rules.migration_rules["legacy_api1"].weights == { (var.api1_lambda_tg) = 0, (var.nginx_tg) = 100 }
    error_message = "Step 100 must send everything through Kong and keep the Lambda target group at weight 0."
  }

  assert {
    condition     = output.nginx_conf == run.step_0_import_and_prepare.nginx_conf
    error_message = "Moving a weight must not change the NGINX configuration."
  }
}

# Rollback: the same variable, set back. Only the rule's weights change.
run "rollback_to_zero" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 0
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  assert {
    condition     = module.alb_listener_rules.migration_rules["legacy_api1"].weights == { (var.api1_lambda_tg) = 100, (var.nginx_tg) = 0 }
    error_message = "A rollback must send every request back to the Lambda target group."
  }

  assert {
    condition     = output.nginx_conf == run.step_0_import_and_prepare.nginx_conf && module.alb_listener_rules.migration_rules["legacy_api1"].arn == var.api1_rule_arn
    error_message = "A rollback changes the weights of the same rule, nothing else."
  }
}

# Both APIs at once, at different steps: each rule keeps its own weights and priority.
run "two_apis_at_different_steps" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 100
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
      api2 = {
        kong_percent            = 10
        existing_rule_arn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/2222222222222222"
        existing_rule_priority  = 110
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api2/2222222222222222"
        path_patterns           = ["/dev/api2/*"]
      }
    }
  }

  assert {
    condition = output.cutover == {
      api1 = { kong = 100, lambda = 0, priority = 100 }
      api2 = { kong = 10, lambda = 90, priority = 110 }
    }
    error_message = "Each API must move on its own."
  }

  assert {
    condition     = length([for k in keys(module.alb_listener_rules.rules) : k if startswith(k, "retired_")]) == 0
    error_message = "No API is retired while both migrate."
  }

  assert {
    condition     = strcontains(output.nginx_servers.ui, "location /dev/api1/ {") && strcontains(output.nginx_servers.ui, "location /dev/api2/ {")
    error_message = "NGINX must carry both legacy locations."
  }
}

# The end: no client uses /dev/api1 any more. The rule answers 403 (retired_api1 outranks the old rule, which can then be
# deleted with the Lambda target group), and NGINX drops the legacy location.
run "retire_after_the_migration" {
  command = plan

  variables {
    cutover = {}
  }

  assert {
    condition     = module.alb_listener_rules.rules["retired_api1"].fixed_response == "403" && length(module.alb_listener_rules.migration_weights) == 0
    error_message = "Without the cutover, /dev/api1 must be retired with a 403."
  }

  assert {
    condition     = !can(regex("location[^{]*/dev/api1", output.nginx_servers.ui)) && length(output.cutover) == 0
    error_message = "NGINX must not keep the legacy location after the migration."
  }
}

run "rejects_a_share_above_100" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 150
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  expect_failures = [var.cutover]
}

run "rejects_a_target_group_arn_as_the_rule_to_import" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 0
        existing_rule_arn       = var.api1_lambda_tg
        existing_rule_priority  = 100
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  expect_failures = [var.cutover]
}

run "rejects_an_existing_rule_below_the_retiring_rules" {
  command = plan

  variables {
    cutover = {
      api1 = {
        kong_percent            = 0
        existing_rule_arn       = var.api1_rule_arn
        existing_rule_priority  = 50
        lambda_target_group_arn = var.api1_lambda_tg
      }
    }
  }

  expect_failures = [var.cutover]
}
