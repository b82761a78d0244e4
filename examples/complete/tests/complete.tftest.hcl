# The whole architecture, planned and applied against mocked aws and kong providers: the wiring between the AWS
# modules, the Kong APIs, the consumers and the rendered NGINX and Kong configuration.

mock_provider "aws" {
  source = "./tests/mocks"
}

# Kong ids are UUIDs, and the provider checks every foreign key it is given.
mock_provider "kong" {
  mock_resource "kong_service" {
    defaults = { id = "5e0a7e1c-0000-4000-8000-000000000001" }
  }
  mock_resource "kong_route" {
    defaults = { id = "5e0a7e1c-0000-4000-8000-000000000002" }
  }
  mock_resource "kong_consumer" {
    defaults = { id = "5e0a7e1c-0000-4000-8000-000000000003" }
  }
}

run "alb_sends_the_api_manager_and_ui_paths_to_nginx_and_retires_the_direct_routes" {
  command = plan

  assert {
    condition = module.alb_listener_rules.rule_priorities == {
      kong_manager = 10, kong_proxy = 20, configurator = 30, retired_api1 = 40, retired_api2 = 50
    }
    error_message = "The listener must carry exactly the Kong Manager, proxy, configurator and two retirement rules, in that order."
  }
}

run "api1_is_proxy_style_and_api2_fine_grained_with_two_versions" {
  command = plan

  assert {
    condition     = module.api1.operation_routes == {}
    error_message = "api1 must be proxy-style only."
  }

  assert {
    condition = toset(keys(module.api2.operation_routes)) == toset([
      "v1-list-configurations", "v1-get-configuration", "v1-create-configuration",
      "v2-list-configurations", "v2-get-configuration", "v2-create-configuration", "v2-replace-configuration",
    ])
    error_message = "api2 must expose every operation of v1 and v2 as its own route."
  }

  assert {
    condition     = module.api2.operation_routes["v2-replace-configuration"].methods == toset(["OPTIONS", "PUT"])
    error_message = "api2 routes must match their method plus OPTIONS for the UI's CORS preflight."
  }

  assert {
    condition     = jsondecode(aws_ssm_parameter.api2_validation_contract.value) == jsondecode(module.api2.validation_contract)
    error_message = "The Flask app must receive exactly the contract Kong routes on."
  }

  assert {
    condition = (
      jsondecode(aws_ssm_parameter.api2_validation_contract.value).operations["v2-create-configuration"].body_schema.required == ["name", "owner"] &&
      jsondecode(aws_ssm_parameter.api2_validation_contract.value).operations["v1-create-configuration"].body_schema.required == ["name"]
    )
    error_message = "v1 and v2 must keep their own body schemas side by side."
  }

  assert {
    condition     = jsondecode(module.api2.validation_contract).request_validation == "backend"
    error_message = "On Kong OSS (the default) api2 must leave bodies and query parameters to the Flask app."
  }
}

run "consumers_get_a_key_and_one_group_per_api" {
  command = plan

  assert {
    condition     = jsonencode(output.consumer_groups) == jsonencode({ angular-configurator = ["api1", "api2"], reporting-batch = ["api1"] })
    error_message = "Each consumer must be in exactly the groups of the APIs it may call."
  }

  assert {
    condition = { for k, acl in kong_consumer_acl.this : k => acl.group } == {
      "angular-configurator/api1" = "api1", "angular-configurator/api2" = "api2", "reporting-batch/api1" = "api1"
    }
    error_message = "One ACL membership per consumer and API is expected."
  }

  assert {
    condition     = alltrue([for k, cred in kong_consumer_key_auth.this : cred.key_wo == null && cred.key_wo_version == 1])
    error_message = "API keys are write-only: the plan must not hold them."
  }
}

run "nginx_routes_each_path_to_its_local_listener" {
  command = plan

  assert {
    condition     = strcontains(output.nginx_conf, "location /api/ {") && strcontains(output.nginx_conf, "proxy_pass http://kong_proxy/;")
    error_message = "NGINX must send /api/ to Kong's proxy with the /api prefix removed."
  }

  assert {
    condition     = strcontains(output.nginx_conf, "server 127.0.0.1:8000;") && strcontains(output.nginx_conf, "server 127.0.0.1:4302;")
    error_message = "NGINX must reach Kong's proxy on :8000 and the Angular app on :4302, both on loopback."
  }

  assert {
    condition     = can(regex("location /kong/ \\{\\s+allow 10\\.20\\.0\\.0/16;\\s+deny  all;\\s+# [^\\n]*\\n\\s+proxy_pass http://kong_manager;", output.nginx_conf))
    error_message = "Kong Manager must be limited to the admin networks and keep its /kong prefix."
  }

  assert {
    condition     = can(regex("location /kong-api/ \\{\\s+allow 10\\.20\\.0\\.0/16;\\s+deny  all;\\s+proxy_pass http://kong_admin/;", output.nginx_conf))
    error_message = "The Admin API path for Kong Manager must be limited to the admin networks."
  }

  assert {
    condition     = strcontains(output.nginx_conf, "location /dev/configurator/ {") && strcontains(output.nginx_conf, "proxy_pass http://127.0.0.1:8100/status/ready;")
    error_message = "NGINX must serve the configurator and answer /healthz from Kong's readiness."
  }

  assert {
    condition     = strcontains(output.nginx_conf, "set_real_ip_from 10.0.0.0/24;") && strcontains(output.nginx_conf, "set_real_ip_from 10.0.1.0/24;")
    error_message = "NGINX must trust X-Forwarded-For from the ALB subnets only."
  }

  assert {
    condition     = can(regex("proxy_set_header\\s+X-Forwarded-For\\s+\\$http_x_forwarded_for;", output.nginx_conf)) && strcontains(output.nginx_conf, "proxy_set_header X-Forwarded-Prefix /api;")
    error_message = "NGINX must pass the ALB's X-Forwarded-For unchanged and tell the apps about the removed /api prefix."
  }

  assert {
    condition     = strcontains(output.nginx_conf, "client_max_body_size 5m;") && strcontains(output.nginx_conf, "proxy_read_timeout 55s;")
    error_message = "NGINX must pass bodies up to Kong's limit and wait longer than Kong's 30 s Lambda timeout but less than the ALB's 60 s."
  }
}

run "kong_conf_keeps_every_listener_on_loopback" {
  command = plan

  assert {
    condition = alltrue([for setting in [
      "proxy_listen\\s+= 127\\.0\\.0\\.1:8000",
      "admin_listen\\s+= 127\\.0\\.0\\.1:8001",
      "admin_gui_listen\\s+= 127\\.0\\.0\\.1:8002",
      "admin_gui_path\\s+= /kong",
      "admin_gui_url\\s+= https://apps\\.example\\.internal/kong",
      "admin_gui_api_url\\s+= https://apps\\.example\\.internal/kong-api",
      "trusted_ips\\s+= 127\\.0\\.0\\.1/32,10\\.0\\.0\\.0/24,10\\.0\\.1\\.0/24",
      "nginx_http_client_body_buffer_size = 5m",
    ] : can(regex("(?m)^${setting}$", output.kong_conf))])
    error_message = "kong.conf must keep every listener on loopback, serve Kong Manager under /kong and buffer bodies up to the API limit in memory."
  }
}

run "kong_role_invokes_only_the_two_aliases_through_the_endpoint" {
  assert {
    condition = toset(jsondecode(module.kong_ec2_iam.inline_policy_json).Statement[0].Resource) == toset([
      "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
      "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
    ])
    error_message = "The Kong role must invoke exactly the two live aliases, never an unqualified ARN ($LATEST)."
  }

  assert {
    condition     = jsondecode(module.kong_ec2_iam.inline_policy_json).Statement[0].Condition == { StringEquals = { "aws:SourceVpce" = ["vpce-0123456789abcdef0"] } }
    error_message = "Invocations must be pinned to the Lambda VPC endpoint."
  }

  assert {
    condition     = output.nginx_target_group_arn == "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
    error_message = "The ALB rules must forward to the NGINX target group."
  }
}

run "rejects_a_consumer_without_a_key" {
  command = plan

  variables {
    consumer_api_keys = { angular-configurator = "test-key-angular-0000000000000000" }
  }

  expect_failures = [var.consumer_api_keys]
}

run "rejects_a_short_key" {
  command = plan

  variables {
    consumer_api_keys = {
      angular-configurator = "too-short"
      reporting-batch      = "test-key-reporting-00000000000000"
    }
  }

  expect_failures = [var.consumer_api_keys]
}

run "kong_instance_requires_imdsv2_and_boots_with_the_rendered_configuration" {
  command = plan

  assert {
    condition     = aws_launch_template.kong.metadata_options[0].http_tokens == "required" && aws_launch_template.kong.metadata_options[0].http_put_response_hop_limit == 2
    error_message = "The Kong instance must require IMDSv2 with a hop limit that reaches Kong in Docker."
  }

  assert {
    condition     = aws_launch_template.kong.iam_instance_profile[0].name == "kong-gateway"
    error_message = "The Kong instance must run with the Kong instance profile."
  }

  assert {
    condition = [for f in yamldecode(base64decode(aws_launch_template.kong.user_data)).write_files : [f.path, f.content]] == [
      ["/etc/nginx/conf.d/kong-gateway.conf", output.nginx_conf],
      ["/etc/kong/kong.conf", output.kong_conf],
    ]
    error_message = "The instance must boot with exactly the rendered NGINX and Kong configuration."
  }
}

run "rejects_a_consumer_of_an_unknown_api" {
  command = plan

  variables {
    consumers = { reporting-batch = { apis = ["api3"] } }
  }

  expect_failures = [var.consumers]
}
