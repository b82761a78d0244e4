# Fine-grained routing read from OpenAPI documents, one per version: every operation becomes a route, the versions
# stay closed, and the rules reach the validator the node has (Enterprise request-validator, or this repository's
# openapi-request-validator on Kong OSS). The mock provider still runs the provider's functions for real.

mock_provider "kong" {
  source = "./tests/mocks"
}

variables {
  name                = "api2"
  lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
  path_prefix         = "/dev/api2"
  routing             = "fine_grained"
  request_validation  = "openapi_request_validator"
  versions = {
    # OpenAPI 3.0: nullable, a $ref'd body, a required header, a typed path parameter and a literal path that
    # must outrank the template next to it. The servers entry is ignored: the prefix is path_prefix/version.
    v1 = {
      openapi = <<-EOT
        openapi: 3.0.3
        info: {title: Orders, version: "1"}
        servers: [{url: "https://orders.example.com/somewhere/else"}]
        paths:
          /orders:
            get:
              operationId: listOrders
              parameters:
                - {name: page, in: query, schema: {type: integer, minimum: 1}}
              responses: {"200": {description: ok}}
            post:
              operationId: createOrder
              parameters:
                - {name: X-Request-Id, in: header, required: true, schema: {type: string, minLength: 8}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Order"}
              responses: {"201": {description: created}}
          /orders/latest:
            get:
              operationId: getLatestOrder
              responses: {"200": {description: ok}}
          /orders/{orderId}:
            get:
              operationId: getOrder
              parameters:
                - {name: orderId, in: path, required: true, schema: {type: integer, minimum: 1}}
              responses: {"200": {description: ok}}
        components:
          schemas:
            Order:
              type: object
              required: [sku]
              properties:
                sku: {type: string}
                note: {type: string, nullable: true}
      EOT
    }
    # OpenAPI 3.1 as JSON: type lists instead of nullable.
    v2 = {
      openapi = jsonencode({
        openapi = "3.1.0"
        info    = { title = "Orders", version = "2" }
        paths = {
          "/orders/{orderId}" = {
            put = {
              operationId = "replaceOrder"
              parameters  = [{ name = "orderId", in = "path", required = true, schema = { type = "string", format = "uuid" } }]
              requestBody = {
                content = { "application/json" = { schema = {
                  type       = "object", required = ["sku", "quantity"]
                  properties = { sku = { type = "string" }, quantity = { type = "integer", minimum = 1 }, note = { type = ["string", "null"] } }
                } } }
              }
              responses = { "200" = { description = "ok" } }
            }
          }
        }
      })
    }
  }
}

run "every_operation_of_every_document_is_one_route" {
  command = plan

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "openapi-request-validator"] }
  }

  assert {
    condition     = toset(keys(kong_route.operation)) == toset(["v1-listOrders", "v1-createOrder", "v1-getLatestOrder", "v1-getOrder", "v2-replaceOrder"])
    error_message = "Every operation of both documents must get its own route, keyed by version and operationId."
  }

  assert {
    condition = jsonencode({
      for k, r in kong_route.operation : k => [r.name, one(r.paths), r.methods]
      }) == jsonencode({
      v1-createOrder    = ["api2-v1-createOrder", "~/dev/api2/v1/orders$", ["POST"]]
      v1-getLatestOrder = ["api2-v1-getLatestOrder", "~/dev/api2/v1/orders/latest$", ["GET"]]
      v1-getOrder       = ["api2-v1-getOrder", "~/dev/api2/v1/orders/(?<orderId>[^/]+)$", ["GET"]]
      v1-listOrders     = ["api2-v1-listOrders", "~/dev/api2/v1/orders$", ["GET"]]
      v2-replaceOrder   = ["api2-v2-replaceOrder", "~/dev/api2/v2/orders/(?<orderId>[^/]+)$", ["PUT"]]
    })
    error_message = "Routes must be the anchored paths under path_prefix/version (not the document's servers), with named groups for path parameters, and only the operation's method."
  }

  assert {
    condition     = kong_route.operation["v1-getLatestOrder"].regex_priority > kong_route.operation["v1-getOrder"].regex_priority
    error_message = "/orders/latest must outrank /orders/{orderId}, or Kong could route it to getOrder."
  }

  assert {
    condition     = alltrue([for r in kong_route.operation : r.strip_path == false && r.headers == null && contains(r.tags, "api:api2")])
    error_message = "Operation routes forward the full path; with a validator plugin, headers are its job (400), not the router's (404)."
  }

  assert {
    condition     = toset(keys(kong_plugin_aws_lambda.this)) == toset(keys(kong_route.operation)) && length(kong_route.proxy) == 0
    error_message = "The function must be invoked from every operation route and from nothing else."
  }

  assert {
    condition = (
      jsonencode({ for k, r in kong_route.version_fallback : k => r.paths }) == jsonencode({ v1 = ["/dev/api2/v1"], v2 = ["/dev/api2/v2"] }) &&
      alltrue([for p in kong_plugin.version_fallback : p.name == "request-termination" && p.config.status_code == 404])
    )
    error_message = "Each document's version must be closed: unknown paths under it get 404 from Kong."
  }
}

run "kong_oss_validates_with_the_go_plugin" {
  command = plan

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "openapi-request-validator"] }
  }

  assert {
    condition     = toset(keys(kong_plugin.openapi_request_validator)) == toset(["v1-listOrders", "v1-createOrder", "v1-getOrder", "v2-replaceOrder"])
    error_message = "Every operation with a parameter or a body gets the plugin; getLatestOrder has nothing to check."
  }

  assert {
    condition     = alltrue([for p in kong_plugin.openapi_request_validator : p.name == "openapi-request-validator"]) && length(kong_plugin_request_validator.this) == 0
    error_message = "Kong OSS must get the Go plugin, and Enterprise's request-validator must not be used."
  }

  assert {
    condition = (
      kong_plugin.openapi_request_validator["v1-getOrder"].config.path_pattern == "/dev/api2/v1/orders/(?<orderId>[^/]+)$" &&
      jsonencode(kong_plugin.openapi_request_validator["v1-getOrder"].config.parameter_schema) == jsonencode([{
        name = "orderId", in = "path", required = true, style = "simple", explode = false, schema = "{\"minimum\":1,\"type\":\"integer\"}"
      }])
    )
    error_message = "The path parameter's schema must reach the plugin with the path pattern that captures it."
  }

  assert {
    condition = (
      jsondecode(kong_plugin.openapi_request_validator["v1-createOrder"].config.body_schemas["application/json"]) == {
        "$ref"  = "#/$defs/Order"
        "$defs" = { Order = { type = "object", required = ["sku"], properties = { sku = { type = "string" }, note = { type = ["string", "null"] } } } }
      } &&
      kong_plugin.openapi_request_validator["v1-createOrder"].config.body_required == true &&
      kong_plugin.openapi_request_validator["v2-replaceOrder"].config.body_required == false
    )
    error_message = "The body schema must be standalone (the component copied into $defs, 3.0's nullable as a type list), and required only when the document says so."
  }

  assert {
    condition     = [for p in kong_plugin.openapi_request_validator["v1-createOrder"].config.parameter_schema : [p.in, p.name, p.required]] == [["header", "X-Request-Id", true]]
    error_message = "The required header must be a plugin rule."
  }

  assert {
    condition = (
      jsondecode(output.validation_contract).operations["v1-createOrder"].enforced_by_kong == ["method", "path", "path_parameters", "required_headers", "body_schema"] &&
      jsondecode(output.validation_contract).operations["v1-listOrders"].query_parameters.page == { required = false, schema = { type = "integer", minimum = 1 } } &&
      jsondecode(output.validation_contract).operations["v2-replaceOrder"].operation_id == "replaceOrder"
    )
    error_message = "The contract must summarise each document's operations and say Kong enforces their bodies and parameters."
  }
}

run "kong_enterprise_validates_with_request_validator" {
  command = plan

  variables {
    request_validation = "request_validator"
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "enterprise", version = "3.9.1.1-enterprise-edition", plugins_available = ["aws-lambda", "key-auth", "request-validator"] }
  }

  assert {
    condition     = toset(keys(kong_plugin_request_validator.this)) == toset(["v1-listOrders", "v1-createOrder", "v1-getOrder", "v2-replaceOrder"]) && length(kong_plugin.openapi_request_validator) == 0
    error_message = "On Enterprise every operation with something to check gets request-validator, and the Go plugin is not used."
  }

  assert {
    condition = (
      jsondecode(kong_plugin_request_validator.this["v2-replaceOrder"].body_schema).required == ["sku", "quantity"] &&
      kong_plugin_request_validator.this["v2-replaceOrder"].allowed_content_types == tolist(["application/json"]) &&
      kong_plugin_request_validator.this["v1-listOrders"].body_schema == null
    )
    error_message = "request-validator must get the operation's JSON body schema and content types, and no body schema for a GET."
  }

  assert {
    condition = jsonencode(kong_plugin_request_validator.this["v1-createOrder"].parameter_schema) == jsonencode([{
      explode = false, in = "header", name = "X-Request-Id", required = true, schema = "{\"minLength\":8,\"type\":\"string\"}", style = "simple"
    }])
    error_message = "Header parameters must reach request-validator with style, explode and schema together."
  }

  assert {
    condition     = alltrue([for v in kong_plugin_request_validator.this : v.version == "draft4" && v.verbose_response])
    error_message = "Validators must explain rejections."
  }
}

run "backend_mode_leaves_bodies_to_the_app_and_headers_to_the_router" {
  command = plan

  variables {
    request_validation = "backend"
  }

  assert {
    condition     = length(kong_plugin.openapi_request_validator) == 0 && length(kong_plugin_request_validator.this) == 0 && length(data.kong_gateway.this) == 0
    error_message = "request_validation = \"backend\" adds no validator plugin and does not ask the node for one."
  }

  assert {
    condition     = jsonencode(kong_route.operation["v1-createOrder"].headers) == jsonencode({ X-Request-Id = ["~*.+"] }) && kong_route.operation["v1-listOrders"].headers == null
    error_message = "On OSS without the plugin, a required header must be a header match on the route."
  }
}

run "rejects_the_go_plugin_on_a_node_without_it" {
  command = plan

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "cors"] }
  }

  expect_failures = [data.kong_gateway.this]
}

run "a_document_and_written_operations_mix_across_versions" {
  command = plan

  variables {
    routing = "both"
    cors    = { origins = ["https://configurator.example.internal"] }
    versions = {
      v1 = { operations = { get-order = { path = "/orders/{order_id}", methods = ["GET"], path_parameters = { order_id = "[0-9]+" } } } }
      v2 = {
        openapi = <<-EOT
          {"openapi": "3.1.0", "info": {"title": "Orders", "version": "2"},
           "paths": {"/orders": {"post": {"operationId": "createOrder",
             "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["sku"]}}}},
             "responses": {"201": {"description": "created"}}}}}}
        EOT
      }
      v3 = {}
    }
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "openapi-request-validator"] }
  }

  assert {
    condition     = toset(keys(kong_route.operation)) == toset(["v1-get-order", "v2-createOrder"]) && toset(keys(kong_route.version_fallback)) == toset(["v1", "v2", "v3"])
    error_message = "Written operations and document operations must live side by side, and a version with neither (retired) stays closed."
  }

  assert {
    condition     = kong_route.operation["v2-createOrder"].methods == toset(["OPTIONS", "POST"]) && one(kong_route.operation["v1-get-order"].paths) == "~/dev/api2/v1/orders/(?<order_id>[0-9]+)$"
    error_message = "CORS preflights must match document operations too; written operations keep their patterns."
  }

  assert {
    condition     = toset(keys(kong_plugin.openapi_request_validator)) == toset(["v2-createOrder"]) && kong_route.proxy[0].paths == tolist(["/dev/api2"])
    error_message = "The written v1 operation has nothing for the plugin to check (the router checks its path pattern)."
  }
}

run "written_operations_reach_the_go_plugin_as_draft_4" {
  command = plan

  variables {
    versions = {
      v1 = { operations = { create-order = {
        path             = "/orders"
        methods          = ["POST"]
        required_headers = { X-Request-Id = "^[0-9a-f-]{36}$" }
        query_parameters = { dry_run = { schema = "{\"type\":\"boolean\"}" } }
        body_schema      = "{\"type\":\"object\",\"properties\":{\"quantity\":{\"type\":\"integer\",\"minimum\":0,\"exclusiveMinimum\":true}}}"
      } } }
    }
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "openapi-request-validator"] }
  }

  assert {
    condition = (
      jsondecode(kong_plugin.openapi_request_validator["v1-create-order"].config.body_schemas["application/json"])["$schema"] == "http://json-schema.org/draft-04/schema#" &&
      kong_plugin.openapi_request_validator["v1-create-order"].config.body_required == true &&
      kong_plugin.openapi_request_validator["v1-create-order"].config.path_pattern == null
    )
    error_message = "Written body schemas are draft 4 (boolean exclusiveMinimum) and must say so to the plugin; path patterns stay with the router."
  }

  assert {
    condition = [
      for p in kong_plugin.openapi_request_validator["v1-create-order"].config.parameter_schema : [p.in, p.name, jsondecode(p.schema)]
      ] == [
      ["header", "X-Request-Id", { "$schema" = "http://json-schema.org/draft-04/schema#", type = "string", pattern = "^[0-9a-f-]{36}$" }],
      ["query", "dry_run", { "$schema" = "http://json-schema.org/draft-04/schema#", type = "boolean" }],
    ]
    error_message = "Required headers and query parameters must become plugin rules."
  }
}

run "rejects_a_version_with_a_document_and_written_operations" {
  command = plan

  variables {
    versions = {
      v1 = {
        openapi    = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {}}"
        operations = { get-order = { path = "/orders", methods = ["GET"] } }
      }
    }
  }

  expect_failures = [var.versions]
}

run "a_binary_upload_is_accepted_by_content_type_only" {
  command = plan

  variables {
    versions = {
      v1 = {
        openapi = <<-EOT
          {"openapi": "3.1.0", "info": {"title": "Uploads", "version": "1"},
           "paths": {"/uploads": {"post": {"operationId": "upload",
             "requestBody": {"required": true, "content": {"application/octet-stream": {}}},
             "responses": {"201": {"description": "stored"}}}}}}
        EOT
      }
    }
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "community", version = "3.9.1", plugins_available = ["aws-lambda", "key-auth", "openapi-request-validator"] }
  }

  assert {
    condition = (
      kong_plugin.openapi_request_validator["v1-upload"].config.body_schemas == { "application/octet-stream" = "true" } &&
      kong_plugin.openapi_request_validator["v1-upload"].config.body_required == true
    )
    error_message = "The Go plugin must accept the upload's content type unchecked with JSON Schema's true (Kong refuses an empty string) and require a body."
  }
}

run "request_validator_skips_an_operation_with_only_content_types" {
  command = plan

  variables {
    request_validation = "request_validator"
    versions = {
      v1 = {
        openapi = <<-EOT
          {"openapi": "3.1.0", "info": {"title": "Uploads", "version": "1"},
           "paths": {"/uploads": {"post": {"operationId": "upload",
             "requestBody": {"required": true, "content": {"application/octet-stream": {}}},
             "responses": {"201": {"description": "stored"}}}}}}
        EOT
      }
    }
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "enterprise", version = "3.9.1.1-enterprise-edition", plugins_available = ["aws-lambda", "key-auth", "request-validator"] }
  }

  assert {
    condition     = length(kong_plugin_request_validator.this) == 0 && keys(kong_route.operation) == ["v1-upload"]
    error_message = "request-validator needs a body schema or a parameter: an upload with neither gets its route only."
  }
}
