# Reads back, through the Admin API, the routes examples/complete created: what Kong serves, not what the plan said.
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
