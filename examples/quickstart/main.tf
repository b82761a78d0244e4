# Quickstart: two Lambda-backed APIs behind Kong, proxy-style, and a consumer for the Angular UI.
# `make demo` applies this against the in-repo Kong-compatible server and shows that a second plan is empty.

terraform {
  required_version = ">= 1.11"
  required_providers {
    kong = {
      source = "kongform/kong"
    }
  }
}

# admin_url comes from KONG_ADMIN_URL.
provider "kong" {}

locals {
  # Each Flask Lambda handles every subpath and method under its prefix itself. Clients call
  # /api/dev/api1/...; NGINX strips /api, so Kong and the Flask app see the path the ALB used to send.
  apis = {
    api1 = { prefix = "/dev/api1" }
    api2 = { prefix = "/dev/api2" }
  }
}

# The aws-lambda plugin answers before Kong proxies, so the service's host is never contacted; it only has
# to be a valid host name.
resource "kong_service" "api" {
  for_each = local.apis

  name            = "${each.key}-lambda"
  host            = "${each.key}.lambda.invalid"
  protocol        = "https"
  port            = 443
  read_timeout    = 30000
  connect_timeout = 5000
  tags            = ["api:${each.key}"]
}

# Proxy-style: one route per API, any method, every subpath (Kong matches paths by prefix).
resource "kong_route" "api" {
  for_each = local.apis

  name       = "${each.key}-proxy"
  service_id = kong_service.api[each.key].id
  paths      = [each.value.prefix]
  strip_path = false
  tags       = ["api:${each.key}"]
}

resource "kong_consumer" "angular_ui" {
  username  = "angular-configurator"
  custom_id = "configurator-ui"
  tags      = ["client:ui"]
}

output "routes" {
  value = { for k, r in kong_route.api : k => r.paths }
}
