# api2 of examples/complete on its own, applied for real by scripts/test-complete.sh with `terraform apply`, which
# then proves that a second plan is empty (terraform test has no such check). The same OpenAPI documents and
# module settings as kong.tf; the AWS values are the tests' (tests/terraform.tfvars).
terraform {
  required_providers {
    kong = {
      source = "kongform/kong"
    }
  }
}

# admin_url comes from KONG_ADMIN_URL.
provider "kong" {}

variable "request_validation" {
  description = "api2_request_validation of examples/complete."
  type        = string
}

module "api2" {
  source = "../../../../../modules/kong-lambda-api"

  name                 = "api2"
  lambda_function_arn  = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
  lambda_qualifier     = "live"
  lambda_endpoint_host = "vpce-0123456789abcdef0-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com"
  path_prefix          = "/dev/api2"
  routing              = "fine_grained"
  request_validation   = var.request_validation
  max_body_megabytes   = 4
  cors                 = { origins = ["http://localhost:4200"], extra_headers = ["X-Request-Id"] }

  versions = {
    v1 = { openapi = file("${path.module}/../../../api2.v1.yaml") }
    v2 = { openapi = file("${path.module}/../../../api2.v2.yaml") }
  }
}

output "operation_routes" {
  description = "api2's routes, by version and operation id."
  value       = module.api2.operation_routes
}
