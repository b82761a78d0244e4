# Observability in examples/complete (observability.tf, edge.tf) and what the public listener must never reach: Kong's
# metrics and status listener, the Admin API and Kong Manager, through the ALB's rules, NGINX's locations or a security
# group rule.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "kong" {
  source = "./tests/mocks-kong"
}

run "kong_plugins_for_metrics_logs_correlation_and_headers" {
  command = plan

  assert {
    condition = (
      kong_plugin.prometheus.service_id == null && kong_plugin.prometheus.route_id == null &&
      kong_plugin.prometheus.config.status_code_metrics && kong_plugin.prometheus.config.latency_metrics &&
      kong_plugin.prometheus.config.per_consumer == false
    )
    error_message = "The prometheus plugin must be global, with status code and latency metrics, and no per-consumer series."
  }

  assert {
    condition     = kong_plugin.access_log.name == "file-log" && kong_plugin.access_log.config == { path = "/usr/local/kong/logs/access.json", reopen = true } && kong_plugin.access_log.service_id == null
    error_message = "Every request must be logged as JSON to the file the CloudWatch agent ships, reopened after rotation."
  }

  assert {
    condition = (
      kong_plugin.correlation_id.config == { header_name = "X-Correlation-Id", generator = "uuid#counter", echo_downstream = true } &&
      kong_plugin.correlation_id.service_id == null && kong_plugin.correlation_id.route_id == null
    )
    error_message = "Every request must carry X-Correlation-Id to the function (the event's headers) and back to the client."
  }

  assert {
    condition = (
      kong_plugin.strip_lambda_headers.name == "response-transformer" && kong_plugin.strip_lambda_headers.service_id == null &&
      length(setsubtract(["X-Amz-Executed-Version", "X-Amz-Function-Error", "X-Amz-Log-Result", "X-Amzn-RequestId", "X-Amzn-Trace-Id", "X-Amzn-Remapped-Content-Length", "X-Amzn-ErrorType"], kong_plugin.strip_lambda_headers.config.remove.headers)) == 0
    )
    error_message = "Lambda's internal response headers (X-Amz-Executed-Version, X-Amz-Function-Error, X-Amzn-*) must be removed from every response."
  }

  assert {
    condition     = length(kong_plugin.opentelemetry) == 0 && !strcontains(output.kong_conf, "tracing_")
    error_message = "Tracing is off by default."
  }
}

# Applied (mocked): the agent's configuration names the logs endpoint, known once it exists.
run "cloudwatch_agent_ships_logs_and_scrapes_the_status_listener" {
  assert {
    condition = {
      for f in jsondecode(output.cloudwatch_agent_config).logs.logs_collected.files.collect_list : f.file_path => f.log_group_name
      } == {
      "/usr/local/kong/logs/access.json" = "/kong-gateway/access"
      "/usr/local/kong/logs/error.log"   = "/kong-gateway/error"
      "/var/log/nginx/error.log"         = "/kong-gateway/error"
    }
    error_message = "Kong's access log and the error logs must go to their log groups."
  }

  assert {
    condition = (
      jsondecode(output.cloudwatch_agent_config).logs.logs_collected.prometheus.log_group_name == "/kong-gateway/metrics" &&
      jsondecode(output.cloudwatch_agent_config).logs.logs_collected.prometheus.emf_processor.metric_namespace == "KongGateway" &&
      startswith(jsondecode(output.cloudwatch_agent_config).logs.endpoint_override, "vpce-")
    )
    error_message = "Kong's metrics must reach CloudWatch as embedded metric format through the logs endpoint."
  }

  # The one scrape target is the status listener on loopback: never the proxy port, never a routable address.
  assert {
    condition = (
      flatten([for job in yamldecode(output.prometheus_scrape_config).scrape_configs : [for sc in job.static_configs : sc.targets]]) == ["127.0.0.1:8100"] &&
      can(regex("(?m)^status_listen\\s+= 127\\.0\\.0\\.1:8100$", output.kong_conf))
    )
    error_message = "The agent must scrape Kong's status listener on 127.0.0.1:8100 only."
  }

  assert {
    condition     = { for k, g in aws_cloudwatch_log_group.kong : k => [g.name, g.retention_in_days] } == { access = ["/kong-gateway/access", 30], error = ["/kong-gateway/error", 30], metrics = ["/kong-gateway/metrics", 30] }
    error_message = "The log groups must exist with a retention."
  }

  assert {
    condition     = contains(keys(module.vpc_endpoints.endpoint_ids), "logs")
    error_message = "The agent needs the logs endpoint (no NAT)."
  }
}

run "alarms_on_kong_5xx_latency_health_and_lambda" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.kong_5xx_rate.threshold == 5 &&
      { for q in aws_cloudwatch_metric_alarm.kong_5xx_rate.metric_query : q.id => try(one(q.metric).metric_name, q.expression) } == {
        rate     = "IF(requests >= 20, 100 * errors / requests, 0)"
        errors   = "HTTPCode_Target_5XX_Count"
        requests = "RequestCount"
      } &&
      [for q in aws_cloudwatch_metric_alarm.kong_5xx_rate.metric_query : one(q.metric).dimensions["LoadBalancer"] if length(q.metric) > 0] == ["app/internal-apps/0123456789abcdef", "app/internal-apps/0123456789abcdef"]
    )
    error_message = "The 5xx alarm must divide NGINX's (Kong's) 5xx answers by its requests on this ALB."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.kong_latency_p99.metric_name == "TargetResponseTime" && aws_cloudwatch_metric_alarm.kong_latency_p99.extended_statistic == "p99" &&
      aws_cloudwatch_metric_alarm.kong_latency_p99.threshold == 5 &&
      aws_cloudwatch_metric_alarm.kong_no_healthy_instance.metric_name == "HealthyHostCount" && aws_cloudwatch_metric_alarm.kong_no_healthy_instance.treat_missing_data == "breaching"
    )
    error_message = "Latency (p99) and healthy-host alarms must watch the NGINX target group."
  }

  assert {
    condition = (
      { for k, a in aws_cloudwatch_metric_alarm.lambda_throttles : k => [a.namespace, a.metric_name, a.dimensions.FunctionName, a.threshold] } == {
        api1 = ["AWS/Lambda", "Throttles", "api1", 0], api2 = ["AWS/Lambda", "Throttles", "api2", 0]
      } &&
      { for k, a in aws_cloudwatch_metric_alarm.lambda_errors : k => [a.metric_name, a.dimensions.FunctionName] } == { api1 = ["Errors", "api1"], api2 = ["Errors", "api2"] }
    )
    error_message = "Each function must have a throttle alarm (any throttle) and an error alarm."
  }
}

run "alarms_notify_the_given_topic" {
  command = plan

  variables {
    alarm_actions = ["arn:aws:sns:eu-west-1:123456789012:kong-gateway-alarms"]
  }

  assert {
    condition = alltrue([
      for a in concat([aws_cloudwatch_metric_alarm.kong_5xx_rate, aws_cloudwatch_metric_alarm.kong_latency_p99, aws_cloudwatch_metric_alarm.kong_no_healthy_instance], values(aws_cloudwatch_metric_alarm.lambda_throttles), values(aws_cloudwatch_metric_alarm.lambda_errors)) :
      a.alarm_actions == toset(["arn:aws:sns:eu-west-1:123456789012:kong-gateway-alarms"]) && a.ok_actions == toset(["arn:aws:sns:eu-west-1:123456789012:kong-gateway-alarms"])
    ])
    error_message = "Every alarm must notify var.alarm_actions."
  }
}

run "tracing_with_a_collector" {
  command = plan

  variables {
    tracing = { endpoint = "http://127.0.0.1:4318/v1/traces", sampling_rate = 0.1 }
  }

  assert {
    condition = (
      kong_plugin.opentelemetry[0].config.traces_endpoint == "http://127.0.0.1:4318/v1/traces" &&
      kong_plugin.opentelemetry[0].config.sampling_rate == 0.1 &&
      kong_plugin.opentelemetry[0].config.propagation.extract == ["w3c", "aws"] &&
      kong_plugin.opentelemetry[0].service_id == null
    )
    error_message = "The opentelemetry plugin must send every sampled request's spans to the collector, continuing the ALB's trace."
  }

  assert {
    condition     = can(regex("(?m)^tracing_instrumentations = all$", output.kong_conf)) && can(regex("(?m)^tracing_sampling_rate\\s+= 0\\.1$", output.kong_conf))
    error_message = "kong.conf must turn Kong's tracing instrumentation on with the same sampling rate."
  }
}

run "rejects_a_tracing_endpoint_without_a_path" {
  command = plan

  variables {
    tracing = { endpoint = "127.0.0.1:4318" }
  }

  expect_failures = [var.tracing]
}

# Nothing on the public listener reaches the status listener (/metrics, /status), the Admin API or Kong Manager, in any
# layout: with Kong Manager on, with an API migrating, and with high availability.
run "no_metrics_or_admin_endpoint_from_the_public_listener" {
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
    cutover = {
      api1 = {
        kong_percent            = 50
        existing_rule_arn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/1111111111111111"
        existing_rule_priority  = 100
        lambda_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/1111111111111111"
      }
    }
    kong_instance_private_ip = null
    high_availability = {
      instance_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
      data_subnet_ids     = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    }
  }

  override_resource {
    target = module.alb_listener_rules.aws_lb_listener_rule.this["legacy_api1"]
    values = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/internal-apps/0123456789abcdef/fedcba9876543210/1111111111111111" }
  }

  override_resource {
    target          = module.target_groups.aws_lb_target_group.nginx
    override_during = plan
    values          = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef" }
  }

  override_resource {
    target          = aws_db_instance.kong[0]
    override_during = plan
    values = {
      address            = "kong-db.abcdefghijkl.eu-west-1.rds.amazonaws.com"
      port               = 5432
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0000-AbCdEf", kms_key_id = "", secret_status = "active" }]
    }
  }

  # ALB: no forward rule without the ALB's own authentication matches a status, metrics, health or admin path. (Kong
  # Manager's rule is a host of its own behind authenticate-oidc.)
  assert {
    condition = alltrue(flatten([
      for key, rule in module.alb_listener_rules.rules : rule.action != "forward" || rule.authenticated ? [true] : [
        for pattern in rule.path_patterns : !anytrue([
          for path in ["/metrics", "/status", "/status/ready", "/healthz", "/kong", "/kong/", "/kong-api/", "/admin-api/", "/"] :
          can(regex("^${replace(replace(replace(pattern, "/[.$+]/", "\\$0"), "*", ".*"), "?", ".")}$", path))
        ])
      ]
    ]))
    error_message = "No unauthenticated forward rule of the public listener may match a metrics, status or admin path."
  }

  # NGINX: the only way from a public server block to the status listener is the exact /healthz -> /status/ready; no
  # server reaches /metrics; the UI server never reaches the Admin API or Kong Manager.
  assert {
    condition = alltrue([
      for name, server in output.nginx_servers : alltrue([
        for target in flatten(regexall("(?m)^\\s*proxy_pass\\s+([^;]+);", server)) :
        !strcontains(target, "metrics") && (!strcontains(target, ":8100") || target == "http://127.0.0.1:8100/status/ready")
      ])
    ]) && !strcontains(output.nginx_conf, "/metrics")
    error_message = "No NGINX location may proxy to Kong's metrics; the status listener is reached only for /status/ready."
  }

  assert {
    condition     = length(regexall("127\\.0\\.0\\.1:8100", output.nginx_servers.ui)) == 1 && can(regex("location = /healthz \\{[^}]*proxy_pass http://127\\.0\\.0\\.1:8100/status/ready;", output.nginx_servers.ui))
    error_message = "The UI server may reach the status listener only through the exact /healthz location."
  }

  assert {
    condition     = !can(regex("127\\.0\\.0\\.1:800[12]", output.nginx_servers.ui))
    error_message = "The UI server must not reach the Admin API or Kong Manager."
  }

  # Security groups: no rule this plan adds opens Kong's proxy, Admin API, Manager or status port; Kong's instances are
  # reached on NGINX's ports only.
  assert {
    condition = alltrue([
      for rule in concat(
        [aws_vpc_security_group_ingress_rule.kong_admin_from_alb],
        values(aws_vpc_security_group_ingress_rule.alb_admin_from_ci),
        aws_vpc_security_group_ingress_rule.kong_db_from_kong,
        aws_vpc_security_group_ingress_rule.kong_redis_from_kong,
        ) : rule.cidr_ipv4 == null && alltrue([
          for port in [8000, 8001, 8002, 8100] : port < rule.from_port || port > rule.to_port
      ])
    ])
    error_message = "No security group rule may open Kong's own listeners (8000, 8001, 8002, 8100) or admit a CIDR."
  }

  assert {
    condition     = alltrue([for setting in ["proxy_listen", "admin_listen", "status_listen"] : can(regex("(?m)^${setting}\\s+= 127\\.0\\.0\\.1:", output.kong_conf))])
    error_message = "Kong's listeners must stay on loopback in every layout."
  }
}
