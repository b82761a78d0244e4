# Quickstart: two Lambda-backed APIs behind Kong, proxy-style, governed by key-auth, ACL groups and CORS, and a
# consumer for the Angular UI. `make demo` applies this against the in-repo Kong-compatible server and shows
# that a second plan is empty.

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

variable "lambda_functions" {
  description = "ARN of each API's Flask function (unqualified, or with a version or alias)."
  type        = map(string)
  default = {
    api1 = "arn:aws:lambda:eu-west-1:123456789012:function:api1-flask:live"
    api2 = "arn:aws:lambda:eu-west-1:123456789012:function:api2-flask:live"
  }
}

variable "lambda_endpoint_dns" {
  description = "DNS name of the Lambda interface VPC endpoint Kong invokes through."
  type        = string
  default     = "vpce-0a1b2c3d4e5f67890-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com"
}

variable "ui_origin" {
  description = "Origin of the Angular configurator UI."
  type        = string
  default     = "https://configurator.example.com"
}

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

# Kong invokes the private function through the VPC endpoint with the EC2 instance role (IMDSv2): no keys.
resource "kong_plugin_aws_lambda" "api" {
  for_each = local.apis

  route_id                  = kong_route.api[each.key].id
  function_name             = var.lambda_functions[each.key]
  host                      = var.lambda_endpoint_dns
  aws_imds_protocol_version = "v2"
  awsgateway_compatible     = true
  is_proxy_integration      = true
  timeout                   = 29000
  tags                      = ["api:${each.key}"]
}

# Every request needs an API key; the key is not passed on to the function.
resource "kong_plugin_key_auth" "api" {
  for_each = local.apis

  service_id       = kong_service.api[each.key].id
  key_names        = ["x-api-key"]
  hide_credentials = true
  tags             = ["api:${each.key}"]
}

# Only consumers in the API's group may call it.
resource "kong_plugin" "acl" {
  for_each = local.apis

  name       = "acl"
  service_id = kong_service.api[each.key].id
  config = {
    allow = [each.key]
  }
  tags = ["api:${each.key}"]
}

# The browser calls the APIs from the UI's origin.
resource "kong_plugin_cors" "api" {
  for_each = local.apis

  service_id = kong_service.api[each.key].id
  origins    = [var.ui_origin]
  methods    = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
  headers    = ["Content-Type", "x-api-key"]
  max_age    = 3600
  tags       = ["api:${each.key}"]
}

resource "kong_consumer" "angular_ui" {
  username  = "angular-configurator"
  custom_id = "configurator-ui"
  tags      = ["client:ui"]
}

# Kong generates the UI's key; it is kept in state as a sensitive value. In production, bring the key from a
# secret store with key_wo instead, so it never reaches state (see the kong_consumer_key_auth docs).
resource "kong_consumer_key_auth" "angular_ui" {
  consumer_id = kong_consumer.angular_ui.id
  tags        = ["client:ui"]
}

resource "kong_consumer_acl" "angular_ui" {
  for_each = local.apis

  consumer_id = kong_consumer.angular_ui.id
  group       = each.key
}

output "routes" {
  value = { for k, r in kong_route.api : k => r.paths }
}
