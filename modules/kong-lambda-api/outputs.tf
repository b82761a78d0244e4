output "service_id" {
  description = "Id of the Kong service that carries the API's routes and plugins."
  value       = kong_service.this.id
}

output "acl_group" {
  description = "ACL group a consumer needs (kong_consumer_acl `group`) to call this API."
  value       = local.acl_group
}

output "key_names" {
  description = "Headers clients send the API key in."
  value       = var.key_names
}

output "proxy_route_id" {
  description = "Id of the proxy-style route, or null when routing = \"fine_grained\"."
  value       = try(kong_route.proxy[0].id, null)
}

output "operation_routes" {
  description = "Fine-grained routes by \"<version>-<operation>\": id, the Kong path regex and the methods they match."
  value = {
    for key, route in kong_route.operation : key => {
      id      = route.id
      path    = one(route.paths)
      methods = route.methods
    }
  }
}

output "openapi_request_validators" {
  description = "The openapi-request-validator plugin's config by \"<version>-<operation>\" (request_validation = \"openapi_request_validator\"), for callers' tests; empty otherwise."
  value       = { for key, plugin in kong_plugin.openapi_request_validator : key => plugin.config }
}

output "validation_contract" {
  description = <<-EOT
    JSON document of every fine-grained operation: its operation id, public path template, methods, path parameter
    patterns, required headers, query parameter schemas and body schema, and which of them Kong enforces. With
    request_validation = "backend" (Kong OSS) the Flask app loads it and validates query parameters and bodies with
    the same schemas, so the contract has one source. For a version read from an OpenAPI document, the document is
    the contract; this output summarises it (its JSON body schema, the required headers' names).
  EOT
  value = jsonencode({
    api                = var.name
    request_validation = var.request_validation
    operations = {
      for key, op in local.operations : key => {
        operation_id     = op.operation_id
        version          = op.version
        path             = op.path
        methods          = op.methods
        path_parameters  = op.path_parameters
        required_headers = op.required_headers
        query_parameters = { for name, q in op.query_parameters : name => { required = q.required, schema = jsondecode(q.schema) } }
        body_schema      = op.body_schema == null ? null : jsondecode(op.body_schema)
        enforced_by_kong = concat(
          ["method", "path", "path_parameters"],
          length(op.required_headers) > 0 ? ["required_headers"] : [],
          local.validator_plugin != null && length(op.query_parameters) > 0 ? ["query_parameters"] : [],
          local.validator_plugin != null && op.body_schema != null ? ["body_schema"] : [],
        )
      }
    }
  })
}

output "key_auth" {
  description = "The key-auth settings that keep API keys out of URLs and out of the function (key_in_query, hide_credentials), and the anonymous consumer, for callers' tests."
  value = {
    key_in_query     = kong_plugin_key_auth.this.key_in_query
    hide_credentials = kong_plugin_key_auth.this.hide_credentials
    anonymous        = kong_plugin_key_auth.this.anonymous
  }
}

output "rate_limit" {
  description = "The rate-limiting plugin's configuration as planned (policy, limits, limit_by, Redis connection; never the password), or null without var.rate_limit."
  value       = var.rate_limit == null ? null : kong_plugin.rate_limiting[0].config
}
