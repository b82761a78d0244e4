# What the Kong node says about itself; it costs no extra request (the provider read it when it connected).
data "kong_gateway" "this" {}

# Warn in every plan when the node cannot run the aws-lambda plugin or uses the expressions router, whose
# routes this provider does not manage.
check "kong_gateway_fits" {
  assert {
    condition     = contains(data.kong_gateway.this.plugins_available, "aws-lambda")
    error_message = "Kong ${data.kong_gateway.this.version} on ${data.kong_gateway.this.hostname} cannot run the aws-lambda plugin."
  }
  assert {
    condition     = data.kong_gateway.this.router_flavor != "expressions"
    error_message = "Kong uses the expressions router; kong_route manages traditional_compatible routes."
  }
}
