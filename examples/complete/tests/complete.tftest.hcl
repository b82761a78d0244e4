# The whole architecture, planned and applied against mocked aws and kong providers: the wiring between the AWS
# modules, the Kong APIs, the consumers and the rendered NGINX and Kong configuration.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "kong" {
  source = "./tests/mocks-kong"
}

run "public_listener_carries_no_admin_path_and_retired_routes_win" {
  command = plan

  assert {
    condition     = module.alb_listener_rules.rule_priorities == { kong_proxy = 20, configurator = 30, retired_api1 = 40, retired_api2 = 50 }
    error_message = "Without Kong Manager the UI listener must carry exactly the proxy, configurator and two retirement rules."
  }

  # No rule on the UI/API listener forwards a path that leads to the Admin API or Kong Manager: only /api/* and the
  # configurator are forwarded, and nothing that matches /kong, /kong-api or /admin-api.
  assert {
    condition = alltrue(flatten([
      for key, rule in module.alb_listener_rules.rules : rule.action != "forward" ? [true] : [
        for pattern in rule.path_patterns : contains(["/api/*", "/dev/configurator", "/dev/configurator/*"], pattern) && !anytrue([
          for admin_path in ["/kong", "/kong/", "/kong-api/", "/admin-api/", "/"] :
          can(regex("^${replace(replace(replace(pattern, "/[.$+]/", "\\$0"), "*", ".*"), "?", ".")}$", admin_path))
        ])
      ]
    ]))
    error_message = "The public listener must forward only /api/* and the configurator, no admin path."
  }

  assert {
    condition = alltrue([
      for rule in values(module.alb_listener_rules.rules) : rule.action != "forward" || jsonencode(rule.host_headers) == jsonencode(["apps.example.internal"])
    ])
    error_message = "Every forward rule of the UI origin must be pinned to its host, so another host name cannot reuse it."
  }

  assert {
    condition = jsonencode(module.alb_listener_rules.precedence) == jsonencode({
      retired_api1 = { priority = 40, wins_against = [100, 110] }
      retired_api2 = { priority = 50, wins_against = [100, 110] }
    })
    error_message = "The retiring rules must provably outrank the existing direct Lambda rules."
  }
}

run "rejects_a_retired_route_shadowed_by_an_existing_rule" {
  command = plan

  variables {
    existing_lambda_rule_priorities = [45]
  }

  expect_failures = [var.existing_lambda_rule_priorities]
}

run "automation_reaches_the_admin_api_on_its_own_listener_from_ci_only" {

  assert {
    condition     = aws_lb_listener.admin.port == 9443 && aws_lb_listener.admin.protocol == "HTTPS" && aws_lb_listener.admin.load_balancer_arn == var.alb_arn
    error_message = "Automation must use its own HTTPS listener on the ALB, not the UI's."
  }

  assert {
    condition = (
      keys(aws_vpc_security_group_ingress_rule.alb_admin_from_ci) == ["sg-0b2b2b2b2b2b2b2b2"] &&
      aws_vpc_security_group_ingress_rule.alb_admin_from_ci["sg-0b2b2b2b2b2b2b2b2"].from_port == 9443 &&
      aws_vpc_security_group_ingress_rule.alb_admin_from_ci["sg-0b2b2b2b2b2b2b2b2"].cidr_ipv4 == null
    )
    error_message = "Only the CI security group may reach the admin listener's port; no CIDR."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.kong_admin_from_alb.referenced_security_group_id == "sg-0a1a1a1a1a1a1a1a1" &&
      aws_vpc_security_group_ingress_rule.kong_admin_from_alb.from_port == 9001
    )
    error_message = "Only the ALB may reach NGINX's automation server."
  }

  # The automation server demands the token before anything reaches the Admin API.
  assert {
    condition = can(regex(
      "include /etc/nginx/kong-admin-tokens\\.conf;[\\s\\S]*default\\s+0;[\\s\\S]*listen\\s+9001;[\\s\\S]*location / \\{\\s+if \\(\\$kong_admin_allowed = 0\\) \\{ return 401; \\}[^}]*proxy_set_header Kong-Admin-Token \"\";\\s+proxy_pass http://127\\.0\\.0\\.1:8001;",
      output.nginx_servers.admin
    ))
    error_message = "NGINX's automation server must refuse (401) every request without a valid Kong-Admin-Token before proxying to the Admin API, and drop the header."
  }

  assert {
    condition = (
      strcontains(output.admin_tokens_script, "--endpoint-url https://vpce-0123456789abcdef0-") &&
      strcontains(output.admin_tokens_script, "--secret-id 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf'") &&
      strcontains(output.admin_tokens_script, "--secret-id 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-read-GhIjKl'")
    )
    error_message = "The boot script must read both tokens from Secrets Manager, through the endpoint's own DNS name."
  }
}

run "ui_origin_never_reaches_the_admin_api_or_kong_manager" {
  command = plan

  # Every proxy_pass of the UI server goes to Kong's proxy (upstream kong_proxy = 127.0.0.1:8000) or Kong's status
  # endpoint; none to 8001 (Admin API) or 8002 (Kong Manager).
  assert {
    condition = alltrue([
      for target in flatten(regexall("(?m)^\\s*proxy_pass\\s+([^;]+);", output.nginx_servers.ui)) :
      contains(["http://kong_proxy/", "http://127.0.0.1:8100/status/ready"], target)
    ])
    error_message = "The UI/API server may proxy only to Kong's proxy and status endpoint."
  }

  assert {
    condition     = !can(regex("127\\.0\\.0\\.1:800[12]|kong_admin|kong_manager", output.nginx_servers.ui)) && strcontains(output.nginx_conf, "upstream kong_proxy { server 127.0.0.1:8000; keepalive 32; }")
    error_message = "The UI/API server must not mention the Admin API or Kong Manager listeners, and kong_proxy must be Kong's proxy port."
  }

  assert {
    condition     = keys(output.nginx_servers) == ["admin", "ui"] && can(regex("(?m)^admin_gui_listen\\s+= off$", output.kong_conf))
    error_message = "Without var.kong_manager, Kong Manager must be off and have no server block."
  }

  # The Angular app is static files: no upstream process on the instance.
  assert {
    condition     = can(regex("location /dev/configurator/ \\{\\s+root\\s+/usr/share/nginx/configurator;\\s+try_files", output.nginx_servers.ui)) && !strcontains(output.nginx_conf, "4302")
    error_message = "NGINX must serve the Angular app as static files, with no second process."
  }
}

run "kong_manager_has_its_own_host_behind_oidc" {
  command = plan

  variables {
    kong_manager = {
      host = "kong-manager.example.internal"
      oidc = {
        issuer                 = "https://login.example.com/realms/ops"
        authorization_endpoint = "https://login.example.com/realms/ops/auth"
        token_endpoint         = "https://login.example.com/realms/ops/token"
        user_info_endpoint     = "https://login.example.com/realms/ops/userinfo"
        client_id              = "kong-manager"
      }
    }
    kong_manager_oidc_client_secret = "not-a-real-secret"
  }

  assert {
    condition = (
      module.alb_listener_rules.rules["kong_manager"].authenticated &&
      jsonencode(module.alb_listener_rules.rules["kong_manager"].host_headers) == jsonencode(["kong-manager.example.internal"]) &&
      length(module.alb_listener_rules.rules["kong_manager"].path_patterns) == 0
    )
    error_message = "Kong Manager must be its own host name, every request authenticated by the ALB's OIDC action."
  }

  assert {
    condition = (
      strcontains(output.nginx_servers.manager, "server_name kong-manager.example.internal;") &&
      !strcontains(output.nginx_servers.ui, "kong-manager.example.internal") &&
      can(regex("(?m)^admin_gui_url\\s+= https://kong-manager\\.example\\.internal$", output.kong_conf)) &&
      can(regex("(?m)^admin_gui_listen = 127\\.0\\.0\\.1:8002$", output.kong_conf))
    )
    error_message = "Kong Manager must be served only under its own host, with admin_gui_url pinning the Admin API's CORS origin to it."
  }

  assert {
    condition     = can(regex("location /admin-api/ \\{[^}]*return 403;", output.nginx_servers.manager))
    error_message = "Kong Manager's Admin API path must refuse writes from any other origin (CSRF)."
  }
}

run "client_address_chain_is_trustworthy" {
  command = plan

  assert {
    condition = (
      jsonencode(flatten(regexall("(?m)^set_real_ip_from ([^;]+);", output.nginx_conf))) == jsonencode(["10.0.0.0/24", "10.0.1.0/24"]) &&
      can(regex("proxy_set_header\\s+X-Forwarded-For\\s+\\$http_x_forwarded_for;", output.nginx_servers.ui)) &&
      !can(regex("(?m)^\\s*proxy_set_header\\s+X-Forwarded-For\\s+\\$proxy_add_x_forwarded_for", output.nginx_conf))
    )
    error_message = "NGINX must trust X-Forwarded-For only from the ALB subnets and pass the ALB's header on without adding an entry."
  }

  assert {
    condition = alltrue([for setting in [
      "trusted_ips\\s+= 127\\.0\\.0\\.1/32,10\\.0\\.0\\.0/24,10\\.0\\.1\\.0/24",
      "real_ip_header\\s+= X-Forwarded-For",
      "real_ip_recursive = on",
    ] : can(regex("(?m)^${setting}$", output.kong_conf))])
    error_message = "Kong must trust only NGINX and the ALB subnets for the client address."
  }

  assert {
    condition     = output.flask_proxy_fix.x_for == 1 && output.flask_proxy_fix.x_prefix == 1
    error_message = "Only the ALB appends to X-Forwarded-For: the Flask app's ProxyFix must trust exactly one hop."
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
      "v1-listConfigurations", "v1-getConfiguration", "v1-createConfiguration",
      "v2-listConfigurations", "v2-getConfiguration", "v2-createConfiguration", "v2-replaceConfiguration",
      "v2-putAttachment",
    ])
    error_message = "api2 must expose every operation of its v1 and v2 OpenAPI documents as its own route."
  }

  assert {
    condition = (
      module.api2.operation_routes["v2-replaceConfiguration"].methods == toset(["OPTIONS", "PUT"]) &&
      module.api2.operation_routes["v2-replaceConfiguration"].path == "~/dev/api2/v2/configurations/(?<configuration_id>[^/]+)$"
    )
    error_message = "api2 routes must match their method plus OPTIONS for the UI's CORS preflight, on the path under /dev/api2/<version> whatever the document's servers say."
  }

  assert {
    condition = (
      toset(keys(module.api2.openapi_request_validators)) == toset(keys(module.api2.operation_routes)) &&
      jsondecode(module.api2.openapi_request_validators["v2-getConfiguration"].parameter_schema[0].schema).pattern == "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" &&
      jsondecode(module.api2.openapi_request_validators["v2-createConfiguration"].body_schemas["application/json"])["$defs"].Configuration.required == ["name", "owner"] &&
      jsondecode(module.api2.openapi_request_validators["v1-createConfiguration"].body_schemas["application/json"])["$defs"].Configuration.properties.description.type == ["string", "null"] &&
      module.api2.openapi_request_validators["v2-putAttachment"].body_schemas == { "application/pdf" = "true", "image/png" = "true" }
    )
    error_message = "On Kong OSS every api2 operation must get the openapi-request-validator plugin with its document's rules (v2's uuid ids, v1's nullable as a type list, the attachment's content types accepted unchecked)."
  }

  assert {
    condition     = jsondecode(aws_ssm_parameter.api2_validation_contract.value) == jsondecode(module.api2.validation_contract)
    error_message = "The Flask app must receive exactly the contract Kong routes on."
  }

  assert {
    condition = (
      jsondecode(aws_ssm_parameter.api2_validation_contract.value).operations["v2-createConfiguration"].body_schema["$defs"].Configuration.required == ["name", "owner"] &&
      jsondecode(aws_ssm_parameter.api2_validation_contract.value).operations["v1-createConfiguration"].body_schema["$defs"].Configuration.required == ["name"]
    )
    error_message = "v1 and v2 must keep their own body schemas side by side."
  }

  assert {
    condition     = jsondecode(module.api2.validation_contract).request_validation == "openapi_request_validator"
    error_message = "On Kong OSS (the default) Kong must validate api2's requests with the openapi-request-validator plugin."
  }
}

run "consumers_get_a_key_and_one_group_per_api" {
  command = plan

  assert {
    condition     = jsonencode(output.consumer_groups) == jsonencode({ billing-sync = ["api1", "api2"], reporting-batch = ["api1"] })
    error_message = "Each consumer must be in exactly the groups of the APIs it may call."
  }

  assert {
    condition = { for k, acl in kong_consumer_acl.this : k => acl.group } == {
      "billing-sync/api1" = "api1", "billing-sync/api2" = "api2", "reporting-batch/api1" = "api1"
    }
    error_message = "One ACL membership per consumer and API is expected."
  }

  assert {
    condition     = alltrue([for k, cred in kong_consumer_key_auth.this : cred.key_wo == null && cred.key_wo_version == 1])
    error_message = "API keys are write-only: the plan must not hold them."
  }
}

run "kong_conf_keeps_every_listener_on_loopback" {
  command = plan

  assert {
    condition = alltrue([for setting in [
      "proxy_listen\\s+= 127\\.0\\.0\\.1:8000",
      "admin_listen\\s+= 127\\.0\\.0\\.1:8001",
      "status_listen\\s+= 127\\.0\\.0\\.1:8100",
      "nginx_http_client_body_buffer_size = 5m",
    ] : can(regex("(?m)^${setting}$", output.kong_conf))])
    error_message = "kong.conf must keep every listener on loopback and buffer bodies up to the API limit in memory."
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

  # No wildcard grant in any policy document of the plan: the Kong role's only policy (no managed policy is attached,
  # so AmazonSSMManagedInstanceCore's ssm:GetParameter on "*" is gone), the lambda endpoint policy and the functions'
  # resource policies. The one Resource "*" is the SSM Agent's Session Manager actions, which have no resource type.
  assert {
    condition = alltrue(flatten([
      for doc in [module.kong_ec2_iam.inline_policy_json, module.vpc_endpoints.lambda_endpoint_policy_json] : [
        for s in jsondecode(doc).Statement : s.Effect != "Allow" ? [true] : concat(
          [for a in flatten([s.Action]) : !strcontains(a, "*")],
          [for r in flatten([s.Resource]) : !strcontains(r, "*") || (r == "*" && length(setsubtract(flatten([s.Action]), module.kong_ec2_iam.actions_without_resource_scope)) == 0) || (
            # The CloudWatch agent's streams under one of this plan's log groups (named after the instance).
            endswith(r, ":log-stream:*") && contains([for g in aws_cloudwatch_log_group.kong : g.arn], trimsuffix(r, ":log-stream:*")) && !strcontains(trimsuffix(r, ":log-stream:*"), "*")
          )],
          [for p in flatten([try(s.Principal.AWS, [])]) : !strcontains(p, "*")],
        )
      ]
    ]))
    error_message = "No policy may grant a wildcard action, resource or principal (beyond the Session Manager agent's resource-less actions and the log streams of this plan's log groups)."
  }

  assert {
    condition     = length(module.kong_ec2_iam.managed_policy_arns) == 0
    error_message = "No managed policy (such as AmazonSSMManagedInstanceCore) may be attached to the Kong role."
  }

  assert {
    condition = jsonencode(jsondecode(module.vpc_endpoints.lambda_endpoint_policy_json).Statement[0].Resource) == jsonencode([
      "arn:aws:lambda:eu-west-1:123456789012:function:api1:live",
      "arn:aws:lambda:eu-west-1:123456789012:function:api2:live",
    ])
    error_message = "The lambda endpoint policy must admit only the live aliases (no $LATEST, no unqualified ARN)."
  }

  assert {
    condition     = jsondecode(output.lambda_scp_json).Statement[0].Condition.ArnNotEquals["aws:PrincipalArn"] == ["arn:aws:iam::123456789012:role/kong-gateway", "arn:aws:iam::123456789012:role/lambda-deploy"]
    error_message = "The SCP must let only Kong's role and the deploy role invoke the functions."
  }

  assert {
    condition     = output.nginx_target_group_arn == "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
    error_message = "The ALB rules must forward to the NGINX target group."
  }
}

run "rejects_a_consumer_without_a_key" {
  command = plan

  variables {
    consumer_api_keys = { billing-sync = "test-key-billing-000000000000000" }
  }

  expect_failures = [var.consumer_api_keys]
}

run "rejects_a_short_key" {
  command = plan

  variables {
    consumer_api_keys = {
      billing-sync    = "too-short"
      reporting-batch = "test-key-reporting-00000000000000"
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
    condition = jsonencode([for f in yamldecode(base64decode(aws_launch_template.kong.user_data)).write_files : [f.path, f.content]]) == jsonencode([
      ["/etc/nginx/conf.d/kong-gateway.conf", output.nginx_conf],
      ["/etc/kong/kong.conf", output.kong_conf],
      ["/usr/local/sbin/kong-admin-tokens", output.admin_tokens_script],
      ["/usr/share/nginx/configurator/dev/configurator/assets/config.json", output.ui_config],
      ["/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", output.cloudwatch_agent_config],
      ["/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml", output.prometheus_scrape_config],
      ["/usr/local/sbin/install-kong-plugin", output.plugin_install_script],
    ])
    error_message = "The instance must boot with exactly the rendered NGINX and Kong configuration, the token script, the UI's config, the CloudWatch agent's configuration and the plugin installer."
  }

  assert {
    condition     = yamldecode(base64decode(aws_launch_template.kong.user_data)).runcmd == [["/usr/local/sbin/install-kong-plugin"], ["/usr/local/sbin/kong-admin-tokens"], ["/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl", "-a", "fetch-config", "-m", "ec2", "-s", "-c", "file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"]]
    error_message = "The plugin must be installed at first boot, before anything reloads the proxies."
  }

  assert {
    condition = (
      jsondecode(output.ui_config).oidc.usePkce && jsondecode(output.ui_config).oidc.responseType == "code" &&
      !can(regex("(?i)key|secret", output.ui_config))
    )
    error_message = "The browser gets OIDC settings (code + PKCE) and no API key or secret."
  }
}

run "kong_runs_the_openapi_request_validator_plugin_from_a_pinned_release" {
  command = plan

  assert {
    condition = alltrue([for setting in [
      "plugins\\s+= bundled,openapi-request-validator",
      "pluginserver_names\\s+= openapi-request-validator",
      "pluginserver_openapi_request_validator_socket\\s+= /usr/local/kong/openapi-request-validator\\.socket",
      "pluginserver_openapi_request_validator_start_cmd = /usr/local/bin/openapi-request-validator",
      "pluginserver_openapi_request_validator_query_cmd = /usr/local/bin/openapi-request-validator -dump",
    ] : can(regex("(?m)^${setting}$", output.kong_conf))])
    error_message = "kong.conf must register the plugin server and enable the plugin next to the bundled ones."
  }

  assert {
    condition = strcontains(output.plugin_install_script, join(" ", [
      "aws s3api get-object --region eu-west-1 --bucket 'kong-artifacts-123456789012'",
      "--key 'kong-plugins/openapi-request-validator_0.2.0_linux_amd64.tar.gz' --version-id '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY'",
    ])) && strcontains(output.plugin_install_script, "echo \"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  $tmp/plugin.tar.gz\" | sha256sum -c -")
    error_message = "The instance must download exactly the pinned object version of the release archive and check its SHA-256 before installing it."
  }

  assert {
    condition = [
      for s in jsondecode(module.kong_ec2_iam.inline_policy_json).Statement : s.Resource if s.Sid == "DownloadBootObjects"
    ] == [["arn:aws:s3:::kong-artifacts-123456789012/kong-plugins/openapi-request-validator_0.2.0_linux_amd64.tar.gz"]]
    error_message = "The instance role may read the plugin's archive and no other S3 object."
  }
}

run "kong_conf_has_no_plugin_server_without_the_plugin" {
  command = plan

  variables {
    openapi_request_validator_plugin = null
    api2_request_validation          = "backend"
  }

  assert {
    condition = (
      !strcontains(output.kong_conf, "pluginserver") && !can(regex("(?m)^plugins", output.kong_conf)) && output.plugin_install_script == null &&
      yamldecode(base64decode(aws_launch_template.kong.user_data)).runcmd == [["/usr/local/sbin/kong-admin-tokens"], ["/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl", "-a", "fetch-config", "-m", "ec2", "-s", "-c", "file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"]] &&
      length([for s in jsondecode(module.kong_ec2_iam.inline_policy_json).Statement : s if s.Sid == "DownloadBootObjects"]) == 0
    )
    error_message = "Without the plugin, kong.conf keeps Kong's bundled plugins, nothing is downloaded, and the role reads no S3 object."
  }
}

run "rejects_the_oss_validator_without_its_plugin" {
  command = plan

  variables {
    openapi_request_validator_plugin = null
  }

  expect_failures = [var.api2_request_validation]
}

run "rejects_a_plugin_archive_that_is_not_a_release_archive" {
  command = plan

  variables {
    openapi_request_validator_plugin = {
      bucket     = "kong-artifacts-123456789012"
      key        = "kong-plugins/openapi-request-validator-latest"
      version_id = "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"
      sha256     = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    }
  }

  expect_failures = [var.openapi_request_validator_plugin]
}


run "rejects_a_consumer_of_an_unknown_api" {
  command = plan

  variables {
    consumers = { reporting-batch = { apis = ["api3"] } }
  }

  expect_failures = [var.consumers]
}

# Browsers carry a user's token, never an API key: every browser-facing route (each service, so every route of it,
# proxy, operations and fallbacks) has the jwt plugin, verifying RS256 signatures with the IdP's key, exp, and the
# issuer as the credential key.
run "jwt_on_every_browser_facing_route_and_keys_only_in_headers" {
  command = plan

  assert {
    condition = alltrue([
      toset(keys(kong_plugin_jwt.browser)) == toset(["api1", "api2"]),
      kong_plugin_jwt.browser["api1"].service_id == module.api1.service_id,
      kong_plugin_jwt.browser["api2"].service_id == module.api2.service_id,
      alltrue([for p in kong_plugin_jwt.browser : p.route_id == null]),
    ])
    error_message = "Every API the browser calls must carry the jwt plugin at service scope, so no route escapes it."
  }

  assert {
    condition = alltrue([for p in kong_plugin_jwt.browser : alltrue([
      p.claims_to_verify == toset(["exp"]),
      p.key_claim_name == "iss",
      p.maximum_expiration == 3600,
      p.header_names == toset(["authorization"]),
      length(p.uri_param_names) == 0,
      length(p.cookie_names) == 0,
      p.run_on_preflight == false,
    ])])
    error_message = "jwt must verify exp, take the issuer as the credential key, and read the token from the Authorization header only (no URL, no cookie)."
  }

  assert {
    condition = (
      kong_consumer_jwt.browser_users.key == "https://login.example.com/realms/apps" &&
      kong_consumer_jwt.browser_users.algorithm == "RS256" &&
      startswith(kong_consumer_jwt.browser_users.rsa_public_key, "-----BEGIN PUBLIC KEY-----") &&
      kong_consumer_jwt.browser_users.secret_wo == null
    )
    error_message = "The browser credential must be the issuer's RS256 public key from its JWKS, with no shared secret."
  }

  assert {
    condition     = { for k, acl in kong_consumer_acl.browser_users : k => acl.group } == { api1 = "api1", api2 = "api2" }
    error_message = "The browser's users must be in the groups of both APIs."
  }

  assert {
    condition = alltrue([
      for api in [module.api1, module.api2] : api.key_auth.key_in_query == false && api.key_auth.hide_credentials
    ])
    error_message = "API keys (machine clients only) must be accepted in a header only, key_in_query = false, and hidden from the functions."
  }
}

# A key rotation at the IdP (a second key in the JWKS) shows in the plan; signing_kid says which key signs now.
run "jwks_rotation_picks_the_signing_key" {
  command = plan

  variables {
    browser_identity = {
      issuer      = "https://login.example.com/realms/apps"
      client_id   = "configurator"
      jwks_json   = "{\"keys\": [{\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"toSPvH7E3vlYOz2UxsEPFSDsdZOrT9hyMqy9H0T6eUQxRpz3Q7Aro0JniYTa6XTQrj76-yohX9oVDRsC4IWjPdP_FD372c1ZVNypmSXhsMVXO5WXrMMHIPCj9qJ7K_J7_kokBaSMseUKV0SuH3l-a5owvKdALtJOfSUhOQrZT1bK4jVNsSUFDF6VxyfXNLZP9HLwsNAeX6kRVKcRASJ6IKYTl4UHYOj8KJWbClznaPbXRD2SLwqvEWXAqS3PBAwiFS9ktDaYppCQ1XEXFVaOflrTz6dKuF-nOxmw_n-fViDNYZV9KFuydbwHDpPl8puSA5anq7JQW6YIJJ29ht2Y9Q\", \"e\": \"AQAB\", \"kid\": \"2026-11\"}, {\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"yBkopxp-KZBIxGBzLYJjHVFZ1U8E_Bi5hNCSNMH4SSGVEfQP2scOSfUwGc_luDc14tsF9egkyY56_70hPi6I2TW_6W7ZIDcGxjLoVfVBWetOF__Qw3sI9c7i_LVs0H82x7z3Xwyv3WtNYWID4YkjA3JfSXeyl5ib9-pHtfHkyOY_6HqZWFj8qnnnki9_E_82Km_rEVOE7aC8_r2i_5IUnrWvC7w0dU95_5KgbCi_VavcInV0QpwvmMjTsjD2Q4yUaBhMqJ6Gb8ohbfLOn6RHH91yvHtI6xGNP_jEaU-J-Tm5VzvbSMrSTQcPRhMx50jUM3qoSSHAR_3fEiBD8I_tOQ\", \"e\": \"AQAB\", \"kid\": \"2026-12\"}]}"
      signing_kid = "2026-12"
    }
  }

  assert {
    condition     = contains(kong_consumer_jwt.browser_users.tags, "kid:2026-12") && startswith(kong_consumer_jwt.browser_users.rsa_public_key, "-----BEGIN PUBLIC KEY-----")
    error_message = "With two keys in the JWKS, the credential must hold the one signing_kid names."
  }
}

run "rejects_a_rotation_without_naming_the_signing_key" {
  command = plan

  variables {
    browser_identity = {
      issuer    = "https://login.example.com/realms/apps"
      client_id = "configurator"
      jwks_json = "{\"keys\": [{\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"toSPvH7E3vlYOz2UxsEPFSDsdZOrT9hyMqy9H0T6eUQxRpz3Q7Aro0JniYTa6XTQrj76-yohX9oVDRsC4IWjPdP_FD372c1ZVNypmSXhsMVXO5WXrMMHIPCj9qJ7K_J7_kokBaSMseUKV0SuH3l-a5owvKdALtJOfSUhOQrZT1bK4jVNsSUFDF6VxyfXNLZP9HLwsNAeX6kRVKcRASJ6IKYTl4UHYOj8KJWbClznaPbXRD2SLwqvEWXAqS3PBAwiFS9ktDaYppCQ1XEXFVaOflrTz6dKuF-nOxmw_n-fViDNYZV9KFuydbwHDpPl8puSA5anq7JQW6YIJJ29ht2Y9Q\", \"e\": \"AQAB\", \"kid\": \"2026-11\"}, {\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"yBkopxp-KZBIxGBzLYJjHVFZ1U8E_Bi5hNCSNMH4SSGVEfQP2scOSfUwGc_luDc14tsF9egkyY56_70hPi6I2TW_6W7ZIDcGxjLoVfVBWetOF__Qw3sI9c7i_LVs0H82x7z3Xwyv3WtNYWID4YkjA3JfSXeyl5ib9-pHtfHkyOY_6HqZWFj8qnnnki9_E_82Km_rEVOE7aC8_r2i_5IUnrWvC7w0dU95_5KgbCi_VavcInV0QpwvmMjTsjD2Q4yUaBhMqJ6Gb8ohbfLOn6RHH91yvHtI6xGNP_jEaU-J-Tm5VzvbSMrSTQcPRhMx50jUM3qoSSHAR_3fEiBD8I_tOQ\", \"e\": \"AQAB\", \"kid\": \"2026-12\"}]}"
    }
  }

  expect_failures = [kong_consumer_jwt.browser_users]
}
