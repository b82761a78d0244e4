# A pool of backends for an API that Kong balances itself (not a Lambda function): services reach it by
# setting their host to the upstream's name. Health checks left out keep Kong's defaults (all off).
resource "kong_upstream" "orders" {
  name      = "orders.internal"
  algorithm = "least-connections"
  tags      = ["api:orders"]

  healthchecks = {
    active = {
      http_path = "/health"
      healthy   = { interval = 10, successes = 2 }
      unhealthy = { interval = 5, http_failures = 3, timeouts = 3 }
    }
    passive = {
      unhealthy = { http_failures = 5 }
    }
  }
}

resource "kong_target" "orders_a" {
  upstream_id = kong_upstream.orders.id
  target      = "10.0.1.10:8080"
}

resource "kong_service" "orders" {
  name = "orders"
  host = kong_upstream.orders.name # requests to this service are balanced over the upstream's targets
  port = 8080
}
