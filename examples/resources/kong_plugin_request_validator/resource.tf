# Kong Enterprise only: requests to create items must carry a JSON body with a name, and the page query
# argument must be a number; anything else is answered 400 before Lambda is invoked.
resource "kong_plugin_request_validator" "api1_items" {
  route_id = kong_route.api1_proxy.id
  version  = "draft4"
  body_schema = jsonencode({
    type       = "object"
    required   = ["name"]
    properties = { name = { type = "string", maxLength = 100 } }
  })
  parameter_schema = [
    {
      in       = "query"
      name     = "page"
      required = false
      style    = "form"
      explode  = false
      schema   = jsonencode({ type = "string", pattern = "^[0-9]+$" })
    },
  ]
  verbose_response = true
}
