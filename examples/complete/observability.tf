# What API Gateway gave for free, on Kong: metrics, access logs in CloudWatch Logs, a correlation id from the client
# to the function, optional traces, and alarms. docs/guides/production.md explains each choice.
#
#   Kong (prometheus plugin) -> /metrics on the status listener, 127.0.0.1:8100 only, never the proxy or the ALB
#                            -> CloudWatch agent on the instance scrapes it -> /kong-gateway/metrics (embedded metric
#                               format: namespace KongGateway, per service and status code)
#   Kong (file-log plugin)   -> one JSON line per request in Kong's log directory -> CloudWatch agent -> /kong-gateway/access
#   Alarms                   -> the ALB's own metrics for Kong's 5xx rate, latency and healthy hosts (they exist even
#                               when an instance, and its agent, is gone), AWS/Lambda for throttles and errors.

locals {
  kong_log_dir = "/usr/local/kong/logs"

  log_groups = {
    access  = "/kong-gateway/access"
    error   = "/kong-gateway/error"
    metrics = "/kong-gateway/metrics"
  }

  # The headers Lambda's Invoke API answers with: they name the function's version, its error type and AWS request ids,
  # which a client has no use for and an attacker can learn from. Kong passes them on unless told not to.
  lambda_internal_headers = [
    "X-Amz-Executed-Version",
    "X-Amz-Function-Error",
    "X-Amz-Log-Result",
    "X-Amzn-RequestId",
    "X-Amzn-Trace-Id",
    "X-Amzn-Remapped-Content-Length",
    "X-Amzn-ErrorType",
  ]

  correlation_header = "X-Correlation-Id"
}

resource "aws_cloudwatch_log_group" "kong" {
  for_each = local.log_groups

  name              = each.value
  retention_in_days = var.alarm_thresholds.log_retention_in_days
}

# Metrics: Kong serves them on its status listener (kong.conf: status_listen on 127.0.0.1), which neither the ALB nor
# NGINX's UI server forwards to; only the agent on the same instance reads them.
resource "kong_plugin" "prometheus" {
  name          = "prometheus"
  instance_name = "global-prometheus"
  config = {
    status_code_metrics = true
    latency_metrics     = true
    bandwidth_metrics   = true
    per_consumer        = false
  }
  tags = ["observability"]
}

# Access logs: one JSON document per request (route, service, consumer, status, latencies, the correlation id in the
# request headers). Kong's serializer leaves out the Authorization header's value, and key-auth's hide_credentials
# removes the API key before the log phase. reopen lets logrotate move the file.
resource "kong_plugin" "access_log" {
  name          = "file-log"
  instance_name = "global-access-log"
  config = {
    path   = "${local.kong_log_dir}/access.json"
    reopen = true
  }
  tags = ["observability"]
}

# One id per request, kept when the client (the Angular app) sends one, set on the request before the aws-lambda
# plugin builds the event: the function finds it in event.headers["x-correlation-id"] and logs it, the access log has it,
# and the client gets it back to quote in a support request.
resource "kong_plugin" "correlation_id" {
  name          = "correlation-id"
  instance_name = "global-correlation-id"
  config = {
    header_name     = local.correlation_header
    generator       = "uuid#counter"
    echo_downstream = true
  }
  tags = ["observability"]
}

resource "kong_plugin" "strip_lambda_headers" {
  name          = "response-transformer"
  instance_name = "global-strip-lambda-headers"
  config = {
    remove = { headers = local.lambda_internal_headers }
  }
  tags = ["observability"]
}

# Traces, when var.tracing names a collector: Kong continues the trace the ALB started (X-Amzn-Trace-Id) or the
# client's (traceparent) and sends its spans over OTLP/HTTP.
resource "kong_plugin" "opentelemetry" {
  count = var.tracing == null ? 0 : 1

  name          = "opentelemetry"
  instance_name = "global-opentelemetry"
  config = {
    traces_endpoint     = var.tracing.endpoint
    sampling_rate       = var.tracing.sampling_rate
    resource_attributes = { "service.name" = "kong-gateway" }
    propagation = {
      extract        = ["w3c", "aws"]
      inject         = ["preserve", "w3c"]
      default_format = "w3c"
    }
  }
  tags = ["observability"]
}

locals {
  alb_dimension  = regex("loadbalancer/(.+)$", var.alb_arn)[0]
  tg_dimensions  = { LoadBalancer = local.alb_dimension, TargetGroup = module.target_groups.nginx_target_group_arn_suffix }
  function_names = { for api, fn in var.lambda_functions : api => regex("function:([^:]+)$", fn.arn)[0] }
}

# Kong's 5xx rate, from the ALB's count of NGINX's answers: Kong's own errors, and Lambda's throttles and failures, which
# the aws-lambda plugin turns into 500 and 502. Below 20 requests in 5 minutes, a single error is no rate.
resource "aws_cloudwatch_metric_alarm" "kong_5xx_rate" {
  alarm_name          = "kong-gateway-5xx-rate"
  alarm_description   = "More than ${var.alarm_thresholds.kong_5xx_percent} % of the requests through Kong answered 5xx over 5 minutes. Look at /kong-gateway/access (status, latencies) and the Lambda alarms."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_thresholds.kong_5xx_percent
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "IF(requests >= 20, 100 * errors / requests, 0)"
    label       = "Kong 5xx (%)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.tg_dimensions
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.tg_dimensions
      period      = 300
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "kong_latency_p99" {
  alarm_name          = "kong-gateway-latency-p99"
  alarm_description   = "The slowest 1 % of requests through NGINX and Kong took more than ${var.alarm_thresholds.kong_p99_seconds} s over 5 minutes (Lambda cold starts, a slow function, or Kong waiting for its database)."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = local.tg_dimensions
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_thresholds.kong_p99_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

# No instance passes /healthz (Kong's /status/ready): every request gets the ALB's 502/503 and no Kong metric is left
# to alarm on.
resource "aws_cloudwatch_metric_alarm" "kong_no_healthy_instance" {
  alarm_name          = "kong-gateway-no-healthy-instance"
  alarm_description   = "No Kong instance is healthy behind the ALB."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  dimensions          = local.tg_dimensions
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

# Kong answers a throttled invocation with 500, not 429: this alarm says why the 5xx rate rose.
resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  for_each = local.function_names

  alarm_name          = "kong-gateway-${each.key}-lambda-throttles"
  alarm_description   = "Lambda throttled ${each.value} (its reserved concurrency or the account's is exhausted): Kong answers these requests 500."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = local.function_names

  alarm_name          = "kong-gateway-${each.key}-lambda-errors"
  alarm_description   = "${each.value} failed more than ${var.alarm_thresholds.lambda_errors_per_5m} times in 5 minutes (unhandled exceptions or timeouts): Kong answers 502."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_thresholds.lambda_errors_per_5m
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}
