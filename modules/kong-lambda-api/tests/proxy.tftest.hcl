# Proxy-style routing, rendered against the mocked kong provider: what the module asks Kong for.


mock_provider "kong" {
  source = "./tests/mocks"
}

variables {
  name                = "api1"
  lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
  lambda_qualifier    = "live"
  path_prefix         = "/dev/api1"
}

run "proxy_route_takes_every_method_and_subpath" {
  command = plan

  assert {
    condition     = kong_route.proxy[0].paths == tolist(["/dev/api1"]) && kong_route.proxy[0].methods == null
    error_message = "The proxy route must match the prefix for every method."
  }

  assert {
    condition     = kong_route.proxy[0].strip_path == false
    error_message = "The proxy route must keep the path, so the Flask app sees the path it routes on."
  }

  assert {
    condition     = length(kong_route.operation) == 0 && length(kong_route.version_fallback) == 0 && length(kong_plugin_request_validator.this) == 0
    error_message = "Proxy-style routing must create no operation routes, version fallbacks or validators."
  }

  assert {
    condition     = kong_service.this.name == "api1-lambda" && endswith(kong_service.this.host, ".invalid")
    error_message = "The service must be named after the API and point at a host that never resolves (fail closed)."
  }

  assert {
    condition     = contains(kong_route.proxy[0].tags, "api:api1") && contains(kong_service.this.tags, "api:api1")
    error_message = "Every entity must carry the api:<name> tag."
  }
}

run "lambda_is_invoked_with_api_gateway_events_and_the_instance_role" {
  command = plan

  assert {
    condition     = keys(kong_plugin_aws_lambda.this) == ["proxy"]
    error_message = "Exactly one aws-lambda plugin, on the proxy route, is expected."
  }

  assert {
    condition = alltrue([
      kong_plugin_aws_lambda.this["proxy"].function_name == "arn:aws:lambda:eu-west-1:123456789012:function:api1",
      kong_plugin_aws_lambda.this["proxy"].qualifier == "live",
      kong_plugin_aws_lambda.this["proxy"].awsgateway_compatible,
      kong_plugin_aws_lambda.this["proxy"].is_proxy_integration,
      kong_plugin_aws_lambda.this["proxy"].aws_imds_protocol_version == "v2",
      kong_plugin_aws_lambda.this["proxy"].skip_large_bodies == false,
      kong_plugin_aws_lambda.this["proxy"].unhandled_status == 502,
      kong_plugin_aws_lambda.this["proxy"].timeout == 30000,
      kong_plugin_aws_lambda.this["proxy"].log_type == "None",
    ])
    error_message = "The aws-lambda plugin must send API Gateway v1 proxy events to the qualified function with IMDSv2 credentials, never drop large bodies, map unhandled errors to 502, and never return the function's log to the client."
  }

  assert {
    condition     = kong_plugin_aws_lambda.this["proxy"].host == null
    error_message = "Without lambda_endpoint_host the plugin must use the regional name, which private DNS resolves to the VPC endpoint."
  }
}

run "key_auth_acl_and_body_limit_guard_the_service" {
  command = plan

  assert {
    condition = alltrue([
      kong_plugin_key_auth.this.key_names == tolist(["x-api-key"]),
      kong_plugin_key_auth.this.hide_credentials,
      kong_plugin_key_auth.this.run_on_preflight == false,
      kong_plugin_key_auth.this.key_in_query == false,
      kong_plugin_key_auth.this.anonymous == null,
    ])
    error_message = "key-auth must read x-api-key from a header only (never the query string), hide it from the function and let CORS preflights through."
  }

  assert {
    condition     = kong_plugin.acl.name == "acl" && kong_plugin.acl.config.allow == ["api1"] && kong_plugin.acl.config.hide_groups_header
    error_message = "The ACL must allow exactly the API's group."
  }

  assert {
    condition     = kong_plugin.request_size_limiting.config.allowed_payload_size == 4 && kong_plugin.request_size_limiting.config.size_unit == "megabytes"
    error_message = "Bodies must be limited to 4 MB so the base64-encoded event fits Lambda's 6 MB payload."
  }

  assert {
    condition     = length(kong_plugin_cors.this) == 0 && length(kong_plugin.rate_limiting) == 0
    error_message = "CORS and rate limiting are opt-in."
  }
}

run "cors_and_rate_limit_when_asked" {
  command = plan

  variables {
    acl_group  = "api1-users"
    cors       = { origins = ["https://configurator.example.internal"], extra_headers = ["X-Request-Id"] }
    rate_limit = { minute = 600 }
  }

  assert {
    condition     = kong_plugin_cors.this[0].origins == tolist(["https://configurator.example.internal"])
    error_message = "CORS must allow exactly the configured origin."
  }

  assert {
    condition     = toset(kong_plugin_cors.this[0].headers) == toset(["x-api-key", "Content-Type", "Accept", "X-Request-Id"])
    error_message = "CORS must allow the API key header, Content-Type, Accept and the extra headers."
  }

  assert {
    condition     = kong_plugin_cors.this[0].credentials == false
    error_message = "API keys travel in a header, not cookies: CORS must not allow credentials."
  }

  assert {
    condition     = kong_plugin.rate_limiting[0].config == { limit_by = "consumer", policy = "local", minute = 600 }
    error_message = "Rate limiting must count per consumer, locally, with only the configured period."
  }

  assert {
    condition     = kong_plugin.acl.config.allow == ["api1-users"] && output.acl_group == "api1-users"
    error_message = "An explicit acl_group must replace the default group."
  }
}

run "rejects_a_qualified_function_arn" {
  command = plan

  variables {
    lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1:live"
  }

  expect_failures = [var.lambda_function_arn]
}

run "rejects_a_wildcard_cors_origin" {
  command = plan

  variables {
    cors = { origins = ["*"] }
  }

  expect_failures = [var.cors]
}

run "rejects_bodies_larger_than_lambda_accepts" {
  command = plan

  variables {
    max_body_megabytes = 6
  }

  expect_failures = [var.max_body_megabytes]
}

run "rejects_an_empty_rate_limit" {
  command = plan

  variables {
    rate_limit = {}
  }

  expect_failures = [var.rate_limit]
}

run "rejects_a_trailing_slash_prefix" {
  command = plan

  variables {
    path_prefix = "/dev/api1/"
  }

  expect_failures = [var.path_prefix]
}

# Several Kong nodes: one ceiling for the whole API, counted in Redis over TLS, the password write-only.
run "service_wide_rate_limit_in_redis" {
  command = plan

  variables {
    rate_limit                   = { second = 90, limit_by = "service" }
    rate_limit_redis             = { host = "master.kong-ratelimit.abc123.euw1.cache.amazonaws.com", username = "kong" }
    rate_limit_redis_password_wo = "not-a-real-password-0000000000000"
  }

  assert {
    condition = kong_plugin.rate_limiting[0].config == {
      limit_by = "service", policy = "redis", second = 90
      redis = {
        host     = "master.kong-ratelimit.abc123.euw1.cache.amazonaws.com", port = 6379, timeout = 2000, ssl = true, ssl_verify = true,
        username = "kong", server_name = "master.kong-ratelimit.abc123.euw1.cache.amazonaws.com"
      }
    }
    error_message = "The redis policy must count the whole service over verified TLS."
  }

  assert {
    condition     = kong_plugin.rate_limiting[0].config_wo == null && kong_plugin.rate_limiting[0].config_wo_version == 1
    error_message = "The Redis password must be write-only: never in the plan."
  }
}

run "rejects_an_unknown_limit_by" {
  command = plan

  variables {
    rate_limit = { minute = 10, limit_by = "ip" }
  }

  expect_failures = [var.rate_limit]
}
