# Reads back, through the Admin API, the routes and api2's plugins examples/complete created: what Kong serves, not
# what the plan said.
terraform {
  required_providers {
    kong = {
      source = "kongform/kong"
    }
  }
}

variable "route_names" {
  description = "Names of the routes to read back."
  type        = set(string)
}

data "kong_gateway" "this" {}

data "kong_route" "this" {
  for_each = var.route_names

  name = each.key
}

output "edition" {
  description = "Edition of the Kong node the example was applied to."
  value       = data.kong_gateway.this.edition
}

data "kong_plugins" "api2" {
  tags = ["api:api2"]
}

output "api2_plugins" {
  description = "How many plugins of each name api2's entities carry."
  value       = { for name in data.kong_plugins.api2.names : name => length([for p in data.kong_plugins.api2.entities : p if p.name == name]) }
}
