# One route and one validator per operation of api2's v1 document: adding an operation to the document adds a
# route in `terraform plan`, and a change to a schema shows as a change of that operation's validator only.
locals {
  api2_v1 = provider::kong::openapi_operations(file("${path.module}/api2.v1.yaml"), {
    base_path = "/dev/api2/v1" # instead of the path of the document's servers
  })
}

resource "kong_route" "api2_v1" {
  for_each       = local.api2_v1
  name           = "api2-v1-${each.key}"
  service_id     = kong_service.api2.id
  paths          = each.value.route.paths   # ["~/dev/api2/v1/pets/(?<petId>[^/]+)$"]
  methods        = each.value.route.methods # ["GET"]
  regex_priority = each.value.route.regex_priority
  strip_path     = false
}

# Kong OSS: the openapi-request-validator plugin built from this repository validates path parameters,
# query, headers and body before the function is invoked, answering 400 with what failed.
resource "kong_plugin" "api2_v1_validation" {
  for_each = local.api2_v1
  name     = "openapi-request-validator"
  route_id = kong_route.api2_v1[each.key].id
  config   = jsondecode(each.value.validation.config)
}

# Kong Enterprise: request-validator takes the same rules (one JSON body schema per operation).
resource "kong_plugin_request_validator" "api2_v1" {
  for_each              = { for id, op in local.api2_v1 : id => op if op.validation.body_schema != null || length(op.validation.parameter_schema) > 0 }
  route_id              = kong_route.api2_v1[each.key].id
  version               = "draft4"
  body_schema           = each.value.validation.body_schema
  allowed_content_types = length(each.value.validation.allowed_content_types) > 0 ? each.value.validation.allowed_content_types : null
  parameter_schema      = length(each.value.validation.parameter_schema) > 0 ? each.value.validation.parameter_schema : null
  verbose_response      = true
}
