# Fine-grained routing: one route per operation and version, validation on Kong Enterprise (request-validator) or,
# on Kong OSS, by the router plus the Flask app (request_validation = "backend").

mock_provider "kong" {
  source = "./tests/mocks"
}

variables {
  name                = "api2"
  lambda_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2"
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
          path        = "/orders"
          methods     = ["POST"]
          body_schema = "{\"type\":\"object\",\"required\":[\"sku\"],\"properties\":{\"sku\":{\"type\":\"string\"}}}"
        }
      }
    }
    v2 = {
      operations = {
        get-order = {
          path             = "/orders/{order_id}"
          methods          = ["GET", "HEAD"]
          query_parameters = { fields = { schema = "{\"type\":\"string\",\"pattern\":\"^[a-z,]+$\"}" } }
        }
        create-order = {
          path             = "/orders"
          methods          = ["POST"]
          required_headers = { X-Request-Id = ".+" }
          body_schema      = "{\"type\":\"object\",\"required\":[\"sku\",\"quantity\"],\"properties\":{\"sku\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\",\"minimum\":1}}}"
        }
      }
    }
  }
}

run "each_operation_is_one_route_per_version" {
  command = plan

  assert {
    condition     = toset(keys(kong_route.operation)) == toset(["v1-get-order", "v1-create-order", "v2-get-order", "v2-create-order"])
    error_message = "Every operation of every version must get its own route."
  }

  assert {
    condition = jsonencode({
      for k, r in kong_route.operation : k => [one(r.paths), sort(r.methods)]
      }) == jsonencode({
      v1-get-order    = ["~/dev/api2/v1/orders/(?<order_id>[0-9]+)$", ["GET"]]
      v1-create-order = ["~/dev/api2/v1/orders$", ["POST"]]
      v2-get-order    = ["~/dev/api2/v2/orders/(?<order_id>[^/]+)$", ["GET", "HEAD"]]
      v2-create-order = ["~/dev/api2/v2/orders$", ["POST"]]
    })
    error_message = "Routes must match the exact path shape (named groups for parameters, anchored) and only the operation's methods."
  }

  assert {
    condition     = alltrue([for r in kong_route.operation : r.strip_path == false])
    error_message = "Operation routes must forward the full path."
  }

  assert {
    condition     = contains(kong_route.operation["v2-get-order"].tags, "version:v2") && contains(kong_route.operation["v1-get-order"].tags, "version:v1")
    error_message = "Operation routes must be tagged with their version."
  }

  assert {
    condition     = length(kong_route.proxy) == 0
    error_message = "fine_grained must not create the catch-all proxy route."
  }

  assert {
    condition     = toset(keys(kong_plugin_aws_lambda.this)) == toset(keys(kong_route.operation))
    error_message = "The function must be invoked from every operation route and from nothing else."
  }
}

run "unmatched_requests_in_a_version_get_404_from_kong" {
  command = plan

  assert {
    condition     = jsonencode({ for k, r in kong_route.version_fallback : k => r.paths }) == jsonencode({ v1 = ["/dev/api2/v1"], v2 = ["/dev/api2/v2"] })
    error_message = "Each version must have a prefix route that catches requests no operation matches."
  }

  assert {
    condition = alltrue([
      for k, p in kong_plugin.version_fallback : p.name == "request-termination" && p.config.status_code == 404
    ]) && length(kong_plugin.version_fallback) == 2
    error_message = "The version fallback routes must be terminated with 404 by Kong."
  }

  assert {
    condition     = length(kong_route.version_fallback) == 2 && !anytrue([for k in keys(kong_plugin_aws_lambda.this) : contains(["v1", "v2"], k)])
    error_message = "The fallback routes must never invoke the function."
  }
}

run "oss_backend_mode_enforces_headers_in_the_router_and_publishes_the_rest" {
  command = plan

  assert {
    condition     = length(kong_plugin_request_validator.this) == 0
    error_message = "request_validation = \"backend\" must not use the Enterprise request-validator plugin."
  }

  assert {
    condition     = jsonencode(kong_route.operation["v2-create-order"].headers) == jsonencode({ X-Request-Id = ["~*.+"] })
    error_message = "On OSS, a required header must be a regex header match on the route."
  }

  assert {
    condition     = kong_route.operation["v1-create-order"].headers == null
    error_message = "Operations without required headers must not match on headers."
  }

  assert {
    condition     = jsondecode(output.validation_contract).operations["v2-create-order"].enforced_by_kong == ["method", "path", "path_parameters", "required_headers"]
    error_message = "On OSS the contract must say Kong enforces methods, paths and headers, and leave the body to the backend."
  }

  assert {
    condition     = jsondecode(output.validation_contract).operations["v2-create-order"].body_schema.required == ["sku", "quantity"]
    error_message = "The contract must carry each version's own body schema."
  }

  assert {
    condition     = jsondecode(output.validation_contract).operations["v1-create-order"].body_schema.required == ["sku"]
    error_message = "v1 must keep its own schema next to v2."
  }

  assert {
    condition     = jsondecode(output.validation_contract).operations["v2-get-order"].query_parameters.fields == { required = false, schema = { type = "string", pattern = "^[a-z,]+$" } }
    error_message = "The contract must carry the query parameter schemas."
  }
}

run "enterprise_mode_validates_in_kong" {
  command = plan

  variables {
    request_validation = "request_validator"
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "enterprise", version = "3.9.1.1-enterprise-edition", plugins_available = ["aws-lambda", "key-auth", "request-validator"] }
  }

  assert {
    condition     = toset(keys(kong_plugin_request_validator.this)) == toset(["v1-create-order", "v2-get-order", "v2-create-order"])
    error_message = "Every operation with a body, header or query rule must get a request-validator; v1-get-order has none."
  }

  assert {
    condition     = jsondecode(kong_plugin_request_validator.this["v2-create-order"].body_schema).properties.quantity == { type = "integer", minimum = 1 }
    error_message = "The validator must carry the operation's body schema."
  }

  assert {
    condition = jsonencode(kong_plugin_request_validator.this["v2-create-order"].parameter_schema) == jsonencode([{
      in     = "header", name = "X-Request-Id", required = true, style = "simple", explode = false,
      schema = "{\"pattern\":\".+\",\"type\":\"string\"}"
    }])
    error_message = "Required headers must become header parameters with style, explode and schema set together."
  }

  assert {
    condition = jsonencode(kong_plugin_request_validator.this["v2-get-order"].parameter_schema) == jsonencode([{
      in     = "query", name = "fields", required = false, style = "form", explode = true,
      schema = "{\"type\":\"string\",\"pattern\":\"^[a-z,]+$\"}"
    }]) && kong_plugin_request_validator.this["v2-get-order"].body_schema == null
    error_message = "Query parameters must become query parameters; a GET has no body schema."
  }

  assert {
    condition     = alltrue([for v in kong_plugin_request_validator.this : v.version == "draft4" && v.verbose_response])
    error_message = "Validators must use JSON Schema draft 4 and explain rejections."
  }

  assert {
    condition     = kong_route.operation["v2-create-order"].headers == null
    error_message = "With request-validator, headers are checked by the plugin (400), not by the router (404)."
  }

  assert {
    condition     = jsondecode(output.validation_contract).operations["v2-create-order"].enforced_by_kong == ["method", "path", "path_parameters", "required_headers", "body_schema"]
    error_message = "With request-validator the contract must say Kong enforces the body too."
  }
}

run "rejects_request_validator_on_kong_oss_at_plan_time" {
  command = plan

  variables {
    request_validation = "request_validator"
  }

  override_data {
    target = data.kong_gateway.this
    values = { edition = "oss", version = "3.9.1", plugins_available = ["acl", "aws-lambda", "cors", "key-auth"] }
  }

  expect_failures = [data.kong_gateway.this]
}

run "backend_mode_does_not_ask_kong_for_its_plugins" {
  command = plan

  assert {
    condition     = length(data.kong_gateway.this) == 0
    error_message = "Only request_validation = \"request_validator\" needs the node's plugin list."
  }
}

run "both_models_share_the_function" {
  command = plan

  variables {
    routing = "both"
    cors    = { origins = ["https://configurator.example.internal"] }
  }

  assert {
    condition     = kong_route.proxy[0].paths == tolist(["/dev/api2"]) && length(kong_route.operation) == 4
    error_message = "routing = \"both\" must create the proxy route and every operation route."
  }

  assert {
    condition     = length(kong_plugin_aws_lambda.this) == 5 && kong_plugin_aws_lambda.this["proxy"].function_name == kong_plugin_aws_lambda.this["v2-get-order"].function_name
    error_message = "Proxy and operation routes must invoke the same function."
  }

  assert {
    condition     = alltrue([for r in kong_route.operation : contains(r.methods, "OPTIONS")])
    error_message = "With CORS, operation routes must also match OPTIONS so preflights reach the CORS plugin."
  }
}

run "a_retired_version_stays_closed_next_to_the_proxy_route" {
  command = plan

  variables {
    routing = "both"
    versions = {
      v1 = { operations = {} }
      v2 = { operations = { get-order = { path = "/orders/{order_id}", methods = ["GET"] } } }
    }
  }

  assert {
    condition     = keys(kong_route.operation) == ["v2-get-order"] && toset(keys(kong_route.version_fallback)) == toset(["v1", "v2"])
    error_message = "A version without operations must keep its fallback route, so its requests get 404 instead of reaching the proxy route."
  }

  assert {
    condition     = kong_plugin.version_fallback["v1"].config.status_code == 404
    error_message = "The retired version must be answered 404 by Kong."
  }
}

run "rejects_fine_grained_without_a_validation_choice" {
  command = plan

  variables {
    request_validation = null
  }

  expect_failures = [var.routing]
}

run "rejects_fine_grained_without_operations" {
  command = plan

  variables {
    versions = {}
  }

  expect_failures = [var.routing]
}

run "rejects_a_body_schema_on_get" {
  command = plan

  variables {
    versions = {
      v1 = { operations = { list = { path = "/orders", methods = ["GET"], body_schema = "{\"type\":\"object\"}" } } }
    }
  }

  expect_failures = [var.versions]
}

run "rejects_two_operations_for_one_method_and_path" {
  command = plan

  variables {
    versions = {
      v1 = { operations = {
        a = { path = "/orders", methods = ["GET"] }
        b = { path = "/orders", methods = ["GET", "POST"] }
      } }
    }
  }

  expect_failures = [var.versions]
}

run "rejects_a_parameter_pattern_for_an_unknown_parameter" {
  command = plan

  variables {
    versions = {
      v1 = { operations = { get = { path = "/orders/{id}", methods = ["GET"], path_parameters = { order_id = "[0-9]+" } } } }
    }
  }

  expect_failures = [var.versions]
}

run "rejects_a_lower_case_method" {
  command = plan

  variables {
    versions = {
      v1 = { operations = { get = { path = "/orders", methods = ["get"] } } }
    }
  }

  expect_failures = [var.versions]
}
