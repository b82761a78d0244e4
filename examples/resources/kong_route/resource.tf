resource "kong_service" "api1" {
  name     = "api1-lambda"
  protocol = "https"
  host     = "api1.lambda.invalid" # the aws-lambda plugin answers instead of this upstream
  port     = 443
}

# Proxy-style, like API Gateway's {proxy+}: every method and every subpath under /dev/api1 goes to the function.
# strip_path = false keeps the full path the Flask app already routes on, as it saw it behind the ALB.
resource "kong_route" "api1_proxy" {
  name       = "api1-proxy"
  service_id = kong_service.api1.id
  paths      = ["/dev/api1"]
  strip_path = false
  tags       = ["api:api1"]
}

# Fine-grained: one operation, matched on its method and path shape (a regex path starts with "~"), and only
# when the client sends a version header.
resource "kong_route" "api1_get_item" {
  name           = "api1-get-item"
  service_id     = kong_service.api1.id
  methods        = ["GET"]
  paths          = ["~/dev/api1/items/[0-9]+$"]
  headers        = { x-api-version = ["1", "2"] }
  regex_priority = 10
  strip_path     = false
  tags           = ["api:api1"]
}
