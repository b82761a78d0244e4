# Any plugin, bundled or custom, by name. Write only the config fields that should differ from Kong's
# defaults: the plan never shows the defaults, and deleting a line here resets that field in Kong.
resource "kong_plugin" "api1_rate_limit" {
  name       = "rate-limiting"
  service_id = kong_service.api1.id
  config = {
    minute   = 600
    limit_by = "consumer"
  }
  tags = ["api:api1"]
}

# A global plugin (no service, route or consumer): every request gets a correlation id header.
resource "kong_plugin" "correlation_id" {
  name          = "correlation-id"
  instance_name = "global-correlation-id"
  config = {
    header_name     = "X-Request-Id"
    echo_downstream = true
  }
}

# Per-API authorization: only consumers in the api1 group (kong_consumer_acl) may call API 1, once
# key-auth has identified them.
resource "kong_plugin" "api1_acl" {
  name       = "acl"
  service_id = kong_service.api1.id
  config = {
    allow              = ["api1"]
    hide_groups_header = true
  }
}

# Secrets go in sensitive_config: Kong receives them merged into config, while plans and outputs hide them.
resource "kong_plugin" "api2_rate_limit" {
  name       = "rate-limiting"
  service_id = kong_service.api2.id
  config = {
    minute = 600
    policy = "redis"
    redis  = { host = "redis.internal.example.com" }
  }
  sensitive_config = {
    redis = { password = var.redis_password }
  }
}
