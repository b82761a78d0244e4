# Every route of api1.
data "kong_routes" "api1" {
  tags = ["api:api1"]
}

# Every route of api1 or api2 (tags_match = "any").
data "kong_routes" "public_apis" {
  tags       = ["api:api1", "api:api2"]
  tags_match = "any"
}

# Warn in every plan when a route of api1 forwards nowhere.
check "api1_routes_have_a_service" {
  assert {
    condition     = alltrue([for r in data.kong_routes.api1.entities : r.service_id != null])
    error_message = "Routes of api1 without a service: ${join(", ", [for r in data.kong_routes.api1.entities : coalesce(r.name, r.id) if r.service_id == null])}."
  }
}

output "public_api_route_names" {
  value = data.kong_routes.public_apis.names
}
