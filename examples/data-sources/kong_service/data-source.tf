# A service managed elsewhere (another team's configuration), found by name.
data "kong_service" "api1" {
  name = "api1-lambda"
}

# Add a route of this configuration to it.
resource "kong_route" "api1_health" {
  name       = "api1-health"
  service_id = data.kong_service.api1.id
  methods    = ["GET"]
  paths      = ["/dev/api1/health"]
  strip_path = false
}
