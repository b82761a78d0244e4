mock_provider "aws" {
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mock/0123456789abcdef"
    }
  }
}

variables {
  name       = "kong-nginx"
  vpc_id     = "vpc-0123456789abcdef0"
  target_ips = { kong = "10.0.1.25" }
}

run "nginx_ip_target_group_defaults" {
  command = plan

  assert {
    condition = (
      aws_lb_target_group.nginx.target_type == "ip" &&
      aws_lb_target_group.nginx.port == 80 &&
      aws_lb_target_group.nginx.protocol == "HTTP" &&
      aws_lb_target_group.nginx.vpc_id == "vpc-0123456789abcdef0"
    )
    error_message = "The NGINX target group must be an HTTP IP target group on port 80 in the given VPC."
  }

  assert {
    condition     = tonumber(aws_lb_target_group.nginx.deregistration_delay) == 30
    error_message = "The default deregistration delay must be 30 s."
  }

  assert {
    condition = [for hc in aws_lb_target_group.nginx.health_check : [hc.path, hc.matcher, hc.port, hc.interval, hc.timeout]] == [
      ["/healthz", "200", "traffic-port", 15, 5],
    ]
    error_message = "The default health check must be NGINX's /healthz expecting 200 on the traffic port."
  }

  assert {
    condition     = aws_lb_target_group_attachment.nginx["kong"].target_id == "10.0.1.25" && aws_lb_target_group_attachment.nginx["kong"].port == 80 && length(aws_lb_target_group_attachment.nginx) == 1
    error_message = "The Kong instance must be registered by private IP on the NGINX port."
  }

  assert {
    condition     = length(aws_lb_target_group.lambda) == 0 && length(aws_lambda_permission.alb) == 0
    error_message = "No Lambda target groups or permissions may exist unless requested."
  }
}

run "kong_status_health_check_and_custom_delay" {
  command = plan

  variables {
    target_ips           = { kong-a = "10.0.1.25", kong-b = "10.0.2.25" }
    deregistration_delay = 90
    health_check = {
      path    = "/status"
      matcher = "200-299"
    }
  }

  assert {
    condition     = [for hc in aws_lb_target_group.nginx.health_check : [hc.path, hc.matcher]] == [["/status", "200-299"]]
    error_message = "The health check path and matcher must be configurable (Kong's /status through NGINX)."
  }

  assert {
    condition     = tonumber(aws_lb_target_group.nginx.deregistration_delay) == 90
    error_message = "The deregistration delay must follow var.deregistration_delay."
  }

  assert {
    condition     = { for k, a in aws_lb_target_group_attachment.nginx : k => a.target_id } == { kong-a = "10.0.1.25", kong-b = "10.0.2.25" }
    error_message = "Every target IP must be attached."
  }
}

run "lambda_target_groups_kept_during_migration" {
  variables {
    lambda_target_groups = {
      api1 = {
        name         = "dev-api1"
        function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
        qualifier    = "live"
      }
      api2 = {
        name                        = "dev-api2"
        function_arn                = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
        multi_value_headers_enabled = true
      }
    }
  }

  assert {
    condition     = alltrue([for tg in aws_lb_target_group.lambda : tg.target_type == "lambda"])
    error_message = "Kept Lambda target groups must have target type lambda."
  }

  # Both target groups carry the mock's one ARN: OpenTofu cannot override a single instance, so the function
  # name is what shows that each permission belongs to its own key.
  assert {
    condition = alltrue([
      for key, p in aws_lambda_permission.alb :
      p.action == "lambda:InvokeFunction" && p.principal == "elasticloadbalancing.amazonaws.com" && p.source_arn == aws_lb_target_group.lambda[key].arn
      && p.function_name == "arn:aws:lambda:eu-west-1:123456789012:function:${key}"
    ])
    error_message = "Each permission must let only the ALB invoke the function, scoped by the target group's ARN."
  }

  assert {
    condition     = aws_lambda_permission.alb["api1"].qualifier == "live" && aws_lambda_permission.alb["api2"].qualifier == null
    error_message = "The permission must use the registered qualifier."
  }

  assert {
    condition = {
      for key, a in aws_lb_target_group_attachment.lambda : key => a.target_id
      } == {
      api1 = "arn:aws:lambda:eu-west-1:123456789012:function:api1:live"
      api2 = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
    }
    error_message = "Each Lambda target group must register the function with its qualifier."
  }

  assert {
    condition     = aws_lb_target_group.lambda["api2"].lambda_multi_value_headers_enabled && !aws_lb_target_group.lambda["api1"].lambda_multi_value_headers_enabled
    error_message = "multi_value_headers_enabled must be set per target group and default to false."
  }

  assert {
    condition     = output.lambda_target_group_arns == { for key, tg in aws_lb_target_group.lambda : key => tg.arn }
    error_message = "lambda_target_group_arns must list every kept target group."
  }
}

run "rejects_relative_health_check_path" {
  command = plan

  variables {
    health_check = { path = "healthz" }
  }

  expect_failures = [var.health_check]
}

run "rejects_bad_matcher" {
  command = plan

  variables {
    health_check = { matcher = "ok" }
  }

  expect_failures = [var.health_check]
}

run "rejects_timeout_not_below_interval" {
  command = plan

  variables {
    health_check = { interval = 10, timeout = 10 }
  }

  expect_failures = [var.health_check]
}

run "rejects_hostname_target" {
  command = plan

  variables {
    target_ips = { kong = "kong.internal" }
  }

  expect_failures = [var.target_ips]
}

run "rejects_long_name" {
  command = plan

  variables {
    name = "kong-nginx-target-group-for-the-gateway"
  }

  expect_failures = [var.name]
}

run "rejects_qualified_function_arn" {
  command = plan

  variables {
    lambda_target_groups = {
      api1 = {
        name         = "dev-api1"
        function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1:live"
      }
    }
  }

  expect_failures = [var.lambda_target_groups]
}

# The high-availability layout: an Auto Scaling group registers its instances by id, and the ALB checks Kong's
# readiness through NGINX on the traffic port (/healthz proxies /status/ready on Kong's status listener).
run "instance_target_group_for_an_auto_scaling_group" {
  command = plan

  variables {
    target_type = "instance"
    target_ips  = {}
  }

  assert {
    condition     = aws_lb_target_group.nginx.target_type == "instance" && length(aws_lb_target_group_attachment.nginx) == 0
    error_message = "An instance target group must register nothing itself: the Auto Scaling group does."
  }
}

run "health_check_on_another_port" {
  command = plan

  variables {
    health_check = { path = "/status/ready", port = "8100" }
  }

  assert {
    condition     = [for hc in aws_lb_target_group.nginx.health_check : [hc.path, hc.port]] == [["/status/ready", "8100"]]
    error_message = "The health check port must be configurable."
  }
}

run "rejects_an_ip_target_group_without_targets" {
  command = plan

  variables {
    target_ips = {}
  }

  expect_failures = [aws_lb_target_group.nginx]
}

run "rejects_addresses_on_an_instance_target_group" {
  command = plan

  variables {
    target_type = "instance"
  }

  expect_failures = [aws_lb_target_group.nginx]
}

run "rejects_an_unknown_target_type" {
  command = plan

  variables {
    target_type = "lambda"
  }

  expect_failures = [var.target_type]
}

run "rejects_a_health_check_port_out_of_range" {
  command = plan

  variables {
    health_check = { port = "70000" }
  }

  expect_failures = [var.health_check]
}
