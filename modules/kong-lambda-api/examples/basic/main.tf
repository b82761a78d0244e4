# admin_url comes from KONG_ADMIN_URL.
provider "kong" {}

# Proxy-style: every method and subpath under /dev/api1 goes to the Flask app, behind key-auth, an ACL group and
# CORS for the UI's development server.
module "api1" {
  source = "../../"

  name                = "api1"
  lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1"
  lambda_qualifier    = "live"
  path_prefix         = "/dev/api1"
  cors                = { origins = ["http://localhost:4200"] }
  rate_limit          = { minute = 600 }
}

# Fine-grained on Kong OSS: one route per operation and version; the router enforces methods, paths and headers,
# the Flask app validates bodies with the schemas in the validation_contract output.
module "api2" {
  source = "../../"

  name                = "api2"
  lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
  lambda_qualifier    = "live"
  path_prefix         = "/dev/api2"
  routing             = "fine_grained"
  request_validation  = "backend"

  versions = {
    v1 = {
      operations = {
        get-order = {
          path            = "/orders/{order_id}"
          methods         = ["GET"]
          path_parameters = { order_id = "[0-9]+" }
        }
        create-order = {
          path    = "/orders"
          methods = ["POST"]
          body_schema = jsonencode({
            type       = "object"
            required   = ["sku"]
            properties = { sku = { type = "string" } }
          })
        }
      }
    }
  }
}
