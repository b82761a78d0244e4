mock_provider "aws" {}

variables {
  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/0123456789abcdef/fedcba9876543210"
  rules = {
    kong_manager = {
      priority      = 10
      path_patterns = ["/kong", "/kong/*", "/kong-api/*"]
      source_ips    = ["10.20.0.0/16"]
      forward = {
        target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
      }
    }
    kong_proxy = {
      priority      = 20
      path_patterns = ["/api/*"]
      forward = {
        target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
      }
    }
    configurator = {
      priority      = 30
      path_patterns = ["/dev/configurator/*"]
      host_headers  = ["app.internal.example.com"]
      forward = {
        target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
      }
    }
    dev_api1 = {
      priority      = 40
      path_patterns = ["/dev/api1/*"]
      forward = {
        target_groups = [
          { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001", weight = 90 },
          { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002", weight = 10 },
        ]
        stickiness_duration = 300
      }
    }
    dev_api2 = {
      priority      = 50
      must_precede  = [100, 101]
      path_patterns = ["/dev/api2/*"]
      http_headers  = { "X-Client" = ["legacy"] }
      fixed_response = {
        status_code  = "403"
        message_body = "This route has moved behind Kong Gateway."
      }
    }
  }
}

run "renders_priorities_conditions_and_actions" {
  command = plan

  assert {
    condition = { for k, r in aws_lb_listener_rule.this : k => r.priority } == {
      kong_manager = 10, kong_proxy = 20, configurator = 30, dev_api1 = 40, dev_api2 = 50
    }
    error_message = "Each rule must keep its priority."
  }

  assert {
    condition     = alltrue([for r in aws_lb_listener_rule.this : r.listener_arn == var.listener_arn])
    error_message = "Every rule must be added to the given listener."
  }

  assert {
    condition     = [for c in aws_lb_listener_rule.this["kong_proxy"].condition : c.path_pattern[0].values if length(c.path_pattern) > 0] == [toset(["/api/*"])]
    error_message = "The Kong proxy rule must match /api/*."
  }

  assert {
    condition     = length(aws_lb_listener_rule.this["kong_proxy"].condition) == 1
    error_message = "The Kong proxy rule must have only its path condition."
  }

  assert {
    condition = (
      [for c in aws_lb_listener_rule.this["kong_manager"].condition : c.path_pattern[0].values if length(c.path_pattern) > 0] == [toset(["/kong", "/kong/*", "/kong-api/*"])] &&
      [for c in aws_lb_listener_rule.this["kong_manager"].condition : c.source_ip[0].values if length(c.source_ip) > 0] == [toset(["10.20.0.0/16"])]
    )
    error_message = "The Kong Manager rule must match its paths and the allow-listed CIDR."
  }

  assert {
    condition = (
      [for c in aws_lb_listener_rule.this["configurator"].condition : c.path_pattern[0].values if length(c.path_pattern) > 0] == [toset(["/dev/configurator/*"])] &&
      [for c in aws_lb_listener_rule.this["configurator"].condition : c.host_header[0].values if length(c.host_header) > 0] == [toset(["app.internal.example.com"])]
    )
    error_message = "The configurator rule must match its path and host."
  }

  assert {
    condition = [
      for c in aws_lb_listener_rule.this["dev_api2"].condition : [c.http_header[0].http_header_name, c.http_header[0].values] if length(c.http_header) > 0
    ] == [["X-Client", toset(["legacy"])]]
    error_message = "HTTP header conditions must carry the header name and values."
  }

  assert {
    condition = [for a in aws_lb_listener_rule.this["kong_proxy"].action : [a.type, a.order, [for tg in a.forward[0].target_group : [tg.arn, tg.weight]]]] == [
      ["forward", 1, [["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001", 1]]],
    ]
    error_message = "The Kong proxy rule must forward to the NGINX target group."
  }

  assert {
    condition = {
      for tg in one(aws_lb_listener_rule.this["dev_api1"].action).forward[0].target_group : tg.arn => tg.weight
      } == {
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" = 90
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"   = 10
    }
    error_message = "The /dev/api1 rule must split traffic 90/10 between Kong and the direct Lambda target group."
  }

  assert {
    condition     = [for s in one(aws_lb_listener_rule.this["dev_api1"].action).forward[0].stickiness : [s.enabled, s.duration]] == [[true, 300]]
    error_message = "Stickiness must be enabled with the requested duration."
  }

  assert {
    condition = [for a in aws_lb_listener_rule.this["dev_api2"].action : [a.type, a.fixed_response[0].status_code, a.fixed_response[0].content_type, length(a.forward)]] == [
      ["fixed-response", "403", "text/plain", 0],
    ]
    error_message = "The retired /dev/api2 rule must answer a fixed 403 and forward nowhere."
  }
}

run "oidc_authentication_precedes_forward" {
  command = plan

  variables {
    rules = {
      kong_manager = {
        priority      = 10
        path_patterns = ["/kong/*", "/kong-api/*"]
        authenticate_oidc = {
          issuer                 = "https://idp.example.com"
          authorization_endpoint = "https://idp.example.com/authorize"
          token_endpoint         = "https://idp.example.com/token"
          user_info_endpoint     = "https://idp.example.com/userinfo"
          client_id              = "kong-manager"
          client_secret          = "not-a-real-secret"
        }
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  assert {
    condition     = { for a in aws_lb_listener_rule.this["kong_manager"].action : a.order => a.type } == { 1 = "authenticate-oidc", 2 = "forward" }
    error_message = "Authentication must run first (order 1) and the forward last (order 2)."
  }

  assert {
    condition = [
      for a in aws_lb_listener_rule.this["kong_manager"].action : [a.authenticate_oidc[0].issuer, a.authenticate_oidc[0].on_unauthenticated_request, a.authenticate_oidc[0].scope] if a.type == "authenticate-oidc"
    ] == [["https://idp.example.com", "authenticate", "openid"]]
    error_message = "The OIDC action must carry the issuer and default to authenticating unauthenticated requests."
  }
}

run "redirect_action" {
  command = plan

  variables {
    rules = {
      kong_slash = {
        priority      = 5
        path_patterns = ["/kong"]
        redirect      = { path = "/kong/", status_code = "HTTP_302" }
      }
    }
  }

  assert {
    condition = [for a in aws_lb_listener_rule.this["kong_slash"].action : [a.type, a.redirect[0].path, a.redirect[0].status_code, a.redirect[0].host]] == [
      ["redirect", "/kong/", "HTTP_302", "#{host}"],
    ]
    error_message = "A redirect rule must render the redirect action with the defaults kept."
  }
}

run "fixed_response_on_kong_manager_needs_no_authentication" {
  command = plan

  variables {
    rules = {
      kong_manager_closed = {
        priority       = 10
        path_patterns  = ["/kong/*"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  assert {
    condition     = one(aws_lb_listener_rule.this["kong_manager_closed"].action).type == "fixed-response"
    error_message = "A rule that only answers /kong/* with a fixed response exposes nothing and must be accepted."
  }
}

run "rejects_kong_manager_without_authentication_or_cidr" {
  command = plan

  variables {
    rules = {
      kong_manager = {
        priority      = 10
        path_patterns = ["/kong/*"]
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_kong_admin_api_path_without_protection" {
  command = plan

  variables {
    rules = {
      admin_api = {
        priority      = 10
        path_patterns = ["/kong-api/*"]
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_catch_all_reaching_kong_manager" {
  command = plan

  variables {
    rules = {
      everything = {
        priority      = 100
        path_patterns = ["/k*"]
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_root_catch_all_without_protection" {
  command = plan

  variables {
    rules = {
      everything = {
        priority      = 100
        path_patterns = ["/*"]
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_oidc_that_allows_unauthenticated" {
  command = plan

  variables {
    rules = {
      kong_manager = {
        priority      = 10
        path_patterns = ["/kong/*"]
        authenticate_oidc = {
          issuer                     = "https://idp.example.com"
          authorization_endpoint     = "https://idp.example.com/authorize"
          token_endpoint             = "https://idp.example.com/token"
          user_info_endpoint         = "https://idp.example.com/userinfo"
          client_id                  = "kong-manager"
          client_secret              = "not-a-real-secret"
          on_unauthenticated_request = "allow"
        }
        forward = {
          target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "retiring_rule_outranks_the_existing_lambda_rules" {
  command = plan

  assert {
    condition     = jsonencode(output.precedence) == jsonencode({ dev_api2 = { priority = 50, wins_against = [100, 101] } })
    error_message = "The retiring rule must record the existing rules it wins against."
  }
}

run "rejects_retiring_rule_shadowed_by_an_existing_rule" {
  command = plan

  variables {
    rules = {
      retired_api1 = {
        priority       = 120
        must_precede   = [100]
        path_patterns  = ["/dev/api1/*"]
        fixed_response = { status_code = "403" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_duplicate_priorities" {
  command = plan

  variables {
    rules = {
      a = {
        priority       = 10
        path_patterns  = ["/a/*"]
        fixed_response = { status_code = "404" }
      }
      b = {
        priority       = 10
        path_patterns  = ["/b/*"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_more_than_five_condition_values" {
  command = plan

  variables {
    rules = {
      too_many = {
        priority       = 10
        path_patterns  = ["/a/*", "/b/*", "/c/*", "/d/*"]
        source_ips     = ["10.0.0.0/8", "192.168.0.0/16"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "accepts_exactly_five_condition_values" {
  command = plan

  variables {
    rules = {
      five = {
        priority       = 10
        path_patterns  = ["/a/*", "/b/*", "/c/*"]
        host_headers   = ["app.internal.example.com"]
        source_ips     = ["10.0.0.0/8"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  assert {
    condition     = length(aws_lb_listener_rule.this["five"].condition) == 3
    error_message = "A rule with 5 condition values is within the ALB limit and must render its three conditions."
  }
}

run "rejects_path_pattern_without_leading_slash" {
  command = plan

  variables {
    rules = {
      bad = {
        priority       = 10
        path_patterns  = ["api/*"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_path_pattern_with_invalid_character" {
  command = plan

  variables {
    rules = {
      bad = {
        priority       = 10
        path_patterns  = ["/api/{id}"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_rule_with_two_actions" {
  command = plan

  variables {
    rules = {
      both = {
        priority       = 10
        path_patterns  = ["/a/*"]
        fixed_response = { status_code = "404" }
        redirect       = { path = "/b/" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_rule_without_condition" {
  command = plan

  variables {
    rules = {
      none = {
        priority       = 10
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_six_target_groups" {
  command = plan

  variables {
    rules = {
      wide = {
        priority      = 10
        path_patterns = ["/api/*"]
        forward = {
          target_groups = [for i in range(6) : { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg${i}/000000000000000${i}" }]
        }
      }
    }
  }

  expect_failures = [var.rules]
}

run "rejects_invalid_source_cidr" {
  command = plan

  variables {
    rules = {
      admins = {
        priority       = 10
        path_patterns  = ["/a/*"]
        source_ips     = ["10.0.0.300/32"]
        fixed_response = { status_code = "404" }
      }
    }
  }

  expect_failures = [var.rules]
}

# The migration runbook on one rule: 0 -> 10 -> 50 -> 100, then a rollback to 0. Each step is an in-place change of
# the same rule's weights; the Lambda target group never leaves the rule.
run "migration_step_0_adds_kong_with_weight_0" {
  command = plan

  variables {
    rules = {}
    migrations = {
      api1 = {
        priority                = 100
        path_patterns           = ["/dev/api1", "/dev/api1/*"]
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"
        kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent            = 0
      }
    }
  }

  assert {
    condition = {
      for tg in one(aws_lb_listener_rule.this["api1"].action).forward[0].target_group : tg.arn => tg.weight
      } == {
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001" = 0
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"   = 100
    }
    error_message = "Step 0 must keep every request on the Lambda target group, with Kong's target group in the rule at weight 0."
  }

  assert {
    condition = (
      aws_lb_listener_rule.this["api1"].priority == 100 &&
      [for c in aws_lb_listener_rule.this["api1"].condition : c.path_pattern[0].values if length(c.path_pattern) > 0] == [toset(["/dev/api1", "/dev/api1/*"])]
    )
    error_message = "The migrated rule must keep the existing rule's priority and path patterns."
  }

  assert {
    condition     = output.migration_weights == { api1 = { kong = 0, lambda = 100, priority = 100 } }
    error_message = "migration_weights must report the planned split."
  }

  assert {
    condition     = output.rules["api1"].action == "forward" && length(output.rules["api1"].target_groups) == 2
    error_message = "The rules output must include the migration rules, for callers' exposure tests."
  }
}

run "migration_steps_10_50_100_and_rollback" {
  command = plan

  variables {
    rules = {}
    migrations = {
      for step, percent in { s10 = 10, s50 = 50, s100 = 100, back = 0 } : step => {
        priority                 = { s10 = 101, s50 = 102, s100 = 103, back = 104 }[step]
        path_patterns            = ["/dev/${step}/*"]
        lambda_target_group_arn  = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"
        kong_target_group_arn    = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent             = percent
      }
    }
  }

  assert {
    condition = {
      for key, rule in aws_lb_listener_rule.this : key => [
        for tg in one(rule.action).forward[0].target_group : tg.weight if endswith(tg.arn, "kong-nginx/0000000000000001")
      ][0]
    } == { s10 = 10, s50 = 50, s100 = 100, back = 0 }
    error_message = "Kong's weight must follow kong_percent at every step."
  }

  assert {
    condition = alltrue([
      for rule in aws_lb_listener_rule.this : sum([for tg in one(rule.action).forward[0].target_group : tg.weight]) == 100 && length(one(rule.action).forward[0].target_group) == 2
    ])
    error_message = "Every step must split exactly 100 between the two target groups, the Lambda one kept (weight 0 at 100 %) for a rollback."
  }
}

run "rejects_a_share_above_100" {
  command = plan

  variables {
    rules = {}
    migrations = {
      api1 = {
        priority                = 100
        path_patterns           = ["/dev/api1/*"]
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"
        kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent            = 110
      }
    }
  }

  expect_failures = [var.migrations]
}

run "rejects_a_fractional_share" {
  command = plan

  variables {
    rules = {}
    migrations = {
      api1 = {
        priority                = 100
        path_patterns           = ["/dev/api1/*"]
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"
        kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent            = 12.5
      }
    }
  }

  expect_failures = [var.migrations]
}

run "rejects_a_migration_to_the_same_target_group" {
  command = plan

  variables {
    rules = {}
    migrations = {
      api1 = {
        priority                = 100
        path_patterns           = ["/dev/api1/*"]
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent            = 10
      }
    }
  }

  expect_failures = [var.migrations]
}

run "rejects_a_migration_on_a_priority_a_rule_uses" {
  command = plan

  variables {
    migrations = {
      api1 = {
        priority                = 40
        path_patterns           = ["/dev/api1/*"]
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0000000000000002"
        kong_target_group_arn   = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0000000000000001"
        kong_percent            = 10
      }
    }
  }

  expect_failures = [aws_lb_listener_rule.this]
}
