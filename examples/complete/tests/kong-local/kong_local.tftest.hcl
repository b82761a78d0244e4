# The Kong half of examples/complete applied for real to the in-repo Kong-compatible test server (a test double of
# the Admin API, not Kong), then read back through the Admin API; the AWS half stays mocked. Run by
# scripts/test-complete.sh, which starts the server and sets KONG_ADMIN_URL: once as Kong OSS with the
# openapi-request-validator plugin (api2_request_validation = "openapi_request_validator"), once as Kong Enterprise
# with "request_validator". api2's routes and validators come from its OpenAPI documents (api2.v1.yaml, api2.v2.yaml).

mock_provider "aws" {
  source = "./tests/mocks"
}

# What an Atlantis pull request plan does: the provider reads the node and checks every plugin configuration
# against it.
run "plan_against_kong" {
  command = plan

  assert {
    condition     = length(module.api2.operation_routes) == 8 && module.api1.acl_group == "api1"
    error_message = "The plan must hold both APIs."
  }
}

run "apply_to_kong" {
  assert {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", module.api1.proxy_route_id))
    error_message = "Kong must have assigned api1's proxy route an id."
  }

  assert {
    condition     = length(module.api2.operation_routes) == 8 && alltrue([for r in module.api2.operation_routes : length(r.id) == 36])
    error_message = "Kong must hold all eight api2 operation routes."
  }

  assert {
    condition     = length(kong_consumer_acl.this) == 3 && length(kong_consumer_key_auth.this) == 2
    error_message = "Both consumers must have a key and their three group memberships."
  }

  assert {
    condition     = alltrue([for cred in kong_consumer_key_auth.this : cred.key == null && cred.key_wo == null])
    error_message = "The API keys must reach Kong without being kept in the state."
  }

  assert {
    condition = (
      length(kong_plugin_jwt.browser) == 2 && alltrue([for p in kong_plugin_jwt.browser : length(p.id) == 36]) &&
      length(kong_consumer_jwt.browser_users.id) == 36 && length(kong_consumer_acl.browser_users) == 2
    )
    error_message = "Kong must hold the jwt plugin on both APIs and the issuer's RS256 credential with its two groups."
  }

  # Kong 3.9's own schemas accept the observability plugins as the example configures them.
  assert {
    condition = alltrue([
      for p in [kong_plugin.prometheus, kong_plugin.access_log, kong_plugin.correlation_id, kong_plugin.strip_lambda_headers] :
      length(p.id) == 36 && p.service_id == null && p.route_id == null
    ])
    error_message = "Kong must hold the global prometheus, file-log, correlation-id and response-transformer plugins."
  }
}

run "kong_serves_the_routes_the_plan_described" {
  module {
    source = "./tests/kong-local/readback"
  }

  variables {
    route_names = [
      "api1-proxy",
      "api2-v1-getConfiguration",
      "api2-v2-createConfiguration",
      "api2-v2-unmatched",
    ]
  }

  assert {
    condition = (
      data.kong_route.this["api1-proxy"].paths == tolist(["/dev/api1"]) &&
      length(coalesce(data.kong_route.this["api1-proxy"].methods, [])) == 0 &&
      data.kong_route.this["api1-proxy"].strip_path == false
    )
    error_message = "api1 must be one prefix route for every method that keeps the path."
  }

  assert {
    condition     = data.kong_route.this["api2-v1-getConfiguration"].paths == tolist(["~/dev/api2/v1/configurations/(?<configuration_id>[^/]+)$"])
    error_message = "api2 v1 must route on its document's path shape with the id as a named group (pathParameters)."
  }

  assert {
    condition     = data.kong_route.this["api2-v2-createConfiguration"].methods == toset(["OPTIONS", "POST"])
    error_message = "api2 v2 create must match POST and the CORS preflight only."
  }

  assert {
    condition     = length(coalesce(data.kong_route.this["api2-v2-createConfiguration"].headers, {})) == 0
    error_message = "The validator plugin checks X-Request-Id (400 with the reason), not the router (404)."
  }

  assert {
    condition = (
      output.api2_plugins[output.edition == "enterprise" ? "request-validator" : "openapi-request-validator"] == 8 &&
      !contains(keys(output.api2_plugins), output.edition == "enterprise" ? "openapi-request-validator" : "request-validator")
    )
    error_message = "Every api2 operation must be validated in Kong: by request-validator on Enterprise, by openapi-request-validator on OSS."
  }

  assert {
    condition     = data.kong_route.this["api2-v2-unmatched"].paths == tolist(["/dev/api2/v2"])
    error_message = "api2 v2 must be closed by a fallback route."
  }
}
