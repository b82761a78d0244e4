# The Angular UI is served from its own origin and calls API 1 from the browser with its API key.
resource "kong_plugin_cors" "api1" {
  service_id      = kong_service.api1.id
  origins         = ["https://configurator.example.com"]
  methods         = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
  headers         = ["Content-Type", "x-api-key"]
  exposed_headers = ["X-Request-Id"]
  max_age         = 3600
  tags            = ["api:api1"]
}
