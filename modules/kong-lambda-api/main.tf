locals {
  tags      = distinct(concat(var.tags, ["api:${var.name}"]))
  acl_group = coalesce(var.acl_group, var.name)

  proxy_enabled        = contains(["proxy", "both"], var.routing)
  fine_grained_enabled = contains(["fine_grained", "both"], var.routing)
  # The gateway plugin that validates each operation, if any: Kong Enterprise's or this repository's Go plugin.
  validator_plugin = local.fine_grained_enabled ? lookup({
    request_validator         = "request-validator"
    openapi_request_validator = "openapi-request-validator"
  }, coalesce(var.request_validation, "-"), null) : null

  # Kong's route path regexes are anchored at the start only; literal dots must not match any character.
  prefix_regex = replace(var.path_prefix, ".", "\\.")

  versions = local.fine_grained_enabled ? var.versions : {}

  # JSON Schema draft 4 named in every schema written out, so the Go plugin (whose default is 2020-12) reads them as
  # request-validator does.
  draft4 = "http://json-schema.org/draft-04/schema#"

  written_operations = merge([
    for version, v in local.versions : {
      for key, op in v.operations : "${version}-${key}" => {
        version      = version
        operation_id = key
        path         = "${var.path_prefix}/${version}${op.path}"
        # "/items/{item_id}" becomes "/items/(?<item_id>[^/]+)": the named group is the event's pathParameters.item_id.
        route_path = join("", concat(["~${local.prefix_regex}/${version}"], [
          for segment in split("/", trimprefix(op.path, "/")) : (
            can(regex("^\\{.+\\}$", segment))
            ? "/(?<${trim(segment, "{}")}>${lookup(op.path_parameters, trim(segment, "{}"), "[^/]+")})"
            : "/${replace(segment, ".", "\\.")}"
          )
        ], ["$"]))
        regex_priority   = 0
        methods          = op.methods
        required_headers = op.required_headers
        query_parameters = op.query_parameters
        body_schema      = op.body_schema
        path_parameters = {
          for segment in split("/", trimprefix(op.path, "/")) : trim(segment, "{}") => lookup(op.path_parameters, trim(segment, "{}"), "[^/]+")
          if can(regex("^\\{.+\\}$", segment))
        }
        # Kong Enterprise's request-validator: draft 4 for bodies and parameters; Kong requires style, explode and
        # schema together, so each parameter carries all three.
        parameter_schema = concat(
          [for name, pattern in op.required_headers : {
            in     = "header", name = name, required = true, style = "simple", explode = false
            schema = jsonencode({ type = "string", pattern = pattern })
          }],
          [for name, q in op.query_parameters : {
            in = "query", name = name, required = q.required, style = "form", explode = true, schema = q.schema
          }],
        )
        allowed_content_types = []
        # openapi-request-validator: the same rules; path parameters are left to the router's patterns, which are
        # PCRE and need not compile as the plugin's Go regular expressions.
        plugin_config = {
          operation_id = key
          path_pattern = null
          parameter_schema = concat(
            [for name, pattern in op.required_headers : {
              in     = "header", name = name, required = true, style = "simple", explode = false
              schema = jsonencode({ "$schema" = local.draft4, type = "string", pattern = pattern })
            }],
            [for name, q in op.query_parameters : {
              in     = "query", name = name, required = q.required, style = "form", explode = true
              schema = jsonencode(merge({ "$schema" = local.draft4 }, jsondecode(q.schema)))
            }],
          )
          body_schemas  = op.body_schema == null ? null : { "application/json" = jsonencode(merge({ "$schema" = local.draft4 }, jsondecode(op.body_schema))) }
          body_required = op.body_schema != null
        }
      }
    }
  ]...)

  # Each OpenAPI document read once: the function returns every operation's route and validation rules, with the
  # route prefix "<path_prefix>/<version>" whatever the document's servers say.
  documents = {
    for version, v in local.versions : version => provider::kong::openapi_operations(v.openapi, { base_path = "${var.path_prefix}/${version}" })
    if v.openapi != null
  }

  openapi_operations = merge([
    for version, ops in local.documents : {
      for id, op in ops : "${version}-${id}" => {
        version          = version
        operation_id     = id
        path             = "${var.path_prefix}/${version}${op.path}"
        route_path       = one(op.route.paths)
        regex_priority   = op.route.regex_priority
        methods          = op.route.methods
        required_headers = { for p in op.validation.parameter_schema : p.name => ".+" if p.in == "header" && p.required }
        query_parameters = {
          for p in op.validation.parameter_schema : p.name => { required = p.required, schema = coalesce(p.schema, "{}") } if p.in == "query"
        }
        body_schema           = op.validation.body_schema
        path_parameters       = { for p in op.validation.parameter_schema : p.name => "[^/]+" if p.in == "path" }
        parameter_schema      = op.validation.parameter_schema
        allowed_content_types = op.validation.allowed_content_types
        plugin_config         = jsondecode(op.validation.config)
      }
    }
  ]...)

  operations = {
    for key, op in merge(local.written_operations, local.openapi_operations) : key => merge(op, {
      # Browsers send an OPTIONS preflight before cross-origin calls with an API key; it must match the route so
      # the CORS plugin (which runs first) can answer it.
      methods = sort(distinct(concat(op.methods, var.cors == null ? [] : ["OPTIONS"])))
    })
  }

  # A validator only where there is something to check; an operation without parameters or a body is fully
  # checked by its route. request-validator refuses a config without a body schema or a parameter, so an
  # operation whose only rule is its content types (a binary upload) is left to the function on Enterprise; the
  # Go plugin checks content types too.
  request_validator_operations = {
    for key, op in local.operations : key => op
    if local.validator_plugin == "request-validator" && (op.body_schema != null || length(op.parameter_schema) > 0)
  }
  openapi_validator_operations = {
    for key, op in local.operations : key => op
    if local.validator_plugin == "openapi-request-validator" && (
      op.body_schema != null || length(op.parameter_schema) > 0 || length(op.allowed_content_types) > 0
    )
  }
}

# The aws-lambda plugin answers every request itself, so Kong never proxies to this host. ".invalid" (RFC 6761)
# never resolves: if the plugin were ever removed or disabled, requests fail closed with an error instead of
# reaching some other upstream.
resource "kong_service" "this" {
  name            = "${var.name}-lambda"
  protocol        = "https"
  host            = "${var.name}.lambda.invalid"
  port            = 443
  connect_timeout = 5000
  read_timeout    = var.lambda_timeout_ms
  write_timeout   = var.lambda_timeout_ms
  tags            = local.tags
}

# Proxy-style: every method and every subpath under the prefix, like API Gateway's {proxy+}. strip_path = false
# keeps the path the Flask app already routes on (the event's "path" is the path Kong forwards).
resource "kong_route" "proxy" {
  count = local.proxy_enabled ? 1 : 0

  name       = "${var.name}-proxy"
  service_id = kong_service.this.id
  paths      = [var.path_prefix]
  strip_path = false
  tags       = local.tags
}

# Fine-grained: one route per operation, matching only its methods and its exact path shape. A route with methods
# outranks the path-only proxy route in "both" mode.
resource "kong_route" "operation" {
  for_each = local.operations

  name       = "${var.name}-${each.key}"
  service_id = kong_service.this.id
  paths      = [each.value.route_path]
  methods    = each.value.methods
  # /pets/mine before /pets/{petId}: OpenAPI operations rank by their literal segments.
  regex_priority = each.value.regex_priority
  # With request_validation = "backend" the router enforces required headers; a validator plugin checks them
  # instead and answers a descriptive 400 rather than the router's 404.
  headers = (
    var.request_validation == "backend" && length(each.value.required_headers) > 0
    ? { for name, pattern in each.value.required_headers : name => ["~*${pattern}"] }
    : null
  )
  strip_path = false
  tags       = concat(local.tags, ["version:${each.value.version}"])
}

# Closes each fine-grained version: a request under "<prefix>/<version>" that matches no operation (unknown path,
# method or missing header) lands here and gets 404 from Kong, instead of falling through to the proxy route and
# reaching the function unvalidated. Operation routes outrank it because they also match on methods.
resource "kong_route" "version_fallback" {
  for_each = local.versions

  name       = "${var.name}-${each.key}-unmatched"
  service_id = kong_service.this.id
  paths      = ["${var.path_prefix}/${each.key}"]
  strip_path = false
  tags       = concat(local.tags, ["version:${each.key}"])
}

resource "kong_plugin" "version_fallback" {
  for_each = local.versions

  name     = "request-termination"
  route_id = kong_route.version_fallback[each.key].id
  config = {
    status_code = 404
    message     = "No ${each.key} operation of ${var.name} matches this method, path and headers."
  }
  tags = local.tags
}

# The function is invoked only from the routes wired here, never from the fallback routes. Route scope keeps
# request-termination (priority 2) from being pre-empted by aws-lambda (priority 750) on the same service.
locals {
  lambda_routes = merge(
    local.proxy_enabled ? { proxy = kong_route.proxy[0].id } : {},
    { for key, route in kong_route.operation : key => route.id },
  )
}

resource "kong_plugin_aws_lambda" "this" {
  for_each = local.lambda_routes

  route_id      = each.value
  function_name = var.lambda_function_arn
  qualifier     = var.lambda_qualifier
  host          = var.lambda_endpoint_host
  # API Gateway REST (v1.0) proxy events and responses: what serverless-wsgi, apig-wsgi, aws-wsgi and Mangum expect.
  awsgateway_compatible = true
  is_proxy_integration  = true
  timeout               = var.lambda_timeout_ms
  # Credentials come from the EC2 instance role. This setting changes nothing in Kong 3.9 (the credential code always
  # asks IMDS for a session token first and only uses it in a cache key): IMDSv2 is enforced by the instance's
  # metadata options (http_tokens = "required"), not here.
  aws_imds_protocol_version = "v2"
  # Never drop a body silently: by default a body larger than nginx_http_client_body_buffer_size is buffered to
  # disk and not sent to the function. request-size-limiting bounds the size instead.
  skip_large_bodies = false
  # Kept for is_proxy_integration = false: with proxy integration Kong answers Lambda's error document (no
  # statusCode) with 502 before unhandled_status applies.
  unhandled_status = 502
  # Kong passes the Invoke response's headers on to the client; with Lambda's default "Tail" they would carry the
  # end of the function's log (X-Amz-Log-Result) to every caller.
  log_type = "None"
  tags     = local.tags
}

# API keys, for machine clients (a key in a browser is a key for everyone who loads the page: browsers get the jwt
# plugin instead). hide_credentials keeps the key out of the Lambda event (and out of the function's logs);
# key_in_query = false accepts it only in a header, never in a URL that access logs keep; run_on_preflight = false
# lets CORS preflights, which carry no key, through to the CORS plugin. With key_auth_anonymous_consumer_id set, a
# request without a key continues as that consumer, so another authentication plugin on the service (jwt) can
# accept it instead; the ACL refuses the anonymous consumer itself.
resource "kong_plugin_key_auth" "this" {
  service_id       = kong_service.this.id
  key_names        = var.key_names
  key_in_query     = false
  hide_credentials = true
  run_on_preflight = false
  anonymous        = var.key_auth_anonymous_consumer_id
  tags             = local.tags
}

# Authorization: only consumers in the API's ACL group (kong_consumer_acl) get through key-auth to the function.
resource "kong_plugin" "acl" {
  name       = "acl"
  service_id = kong_service.this.id
  config = {
    allow              = [local.acl_group]
    hide_groups_header = true
  }
  tags = local.tags
}

resource "kong_plugin" "request_size_limiting" {
  name       = "request-size-limiting"
  service_id = kong_service.this.id
  config = {
    allowed_payload_size = var.max_body_megabytes
    size_unit            = "megabytes"
  }
  tags = local.tags
}

resource "kong_plugin_cors" "this" {
  count = var.cors == null ? 0 : 1

  service_id      = kong_service.this.id
  origins         = var.cors.origins
  methods         = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
  headers         = distinct(concat(var.key_names, ["Content-Type", "Accept"], var.cors.extra_headers))
  exposed_headers = length(var.cors.exposed_headers) > 0 ? var.cors.exposed_headers : null
  credentials     = false
  max_age         = var.cors.max_age
  tags            = local.tags
}

locals {
  # Empty without rate_limit_redis (a list of at most one object, merged, so both shapes type-check). A null username
  # counts as not written: Kong's default (none, AUTH with the password only).
  rate_limit_redis_config = merge([
    for r in var.rate_limit_redis == null ? [] : [var.rate_limit_redis] : {
      policy = "redis"
      redis = {
        host        = r.host
        port        = r.port
        timeout     = r.timeout_ms
        ssl         = true
        ssl_verify  = true
        username    = r.username
        server_name = coalesce(r.server_name, r.host)
      }
    }
  ]...)
}

# With rate_limit_redis, every node counts in the same Redis keys; fault_tolerant (Kong's default) lets requests
# through if Redis is unreachable rather than failing the API.
resource "kong_plugin" "rate_limiting" {
  count = var.rate_limit == null ? 0 : 1

  name       = "rate-limiting"
  service_id = kong_service.this.id
  config = merge(
    { limit_by = var.rate_limit.limit_by, policy = "local" },
    { for period in ["second", "minute", "hour"] : period => var.rate_limit[period] if var.rate_limit[period] != null },
    local.rate_limit_redis_config,
  )
  config_wo         = var.rate_limit_redis == null || var.rate_limit_redis_password_wo == null ? null : jsonencode({ redis = { password = var.rate_limit_redis_password_wo } })
  config_wo_version = var.rate_limit_redis == null ? null : var.rate_limit_redis_password_version
  tags              = local.tags
}

# request-validator exists only on Kong Enterprise, openapi-request-validator only on nodes it is installed on.
# Checking the node at plan time turns a wrong request_validation choice into an error that names the module's
# variable and the alternatives.
data "kong_gateway" "this" {
  count = local.validator_plugin == null ? 0 : 1

  lifecycle {
    postcondition {
      condition     = contains(self.plugins_available, local.validator_plugin)
      error_message = local.validator_plugin == "request-validator" ? "request_validation = \"request_validator\" needs Kong Enterprise's request-validator plugin, which this Kong (${self.edition} ${self.version}) does not offer. On Kong OSS use request_validation = \"openapi_request_validator\" (this repository's plugin) or \"backend\": Kong enforces methods, paths and headers, and the Flask app validates query parameters and bodies from the validation_contract output." : "request_validation = \"openapi_request_validator\" needs the openapi-request-validator plugin, which this Kong (${self.edition} ${self.version}) does not offer: install it on every node (plugins/openapi-request-validator; kong.conf plugins = bundled,openapi-request-validator and its pluginserver_* settings)."
    }
  }
}

# Kong Enterprise: one request-validator per operation that declares something to check.
resource "kong_plugin_request_validator" "this" {
  for_each   = local.request_validator_operations
  depends_on = [data.kong_gateway.this]

  route_id = kong_route.operation[each.key].id
  # Draft 4 is what Kong 3.9 offers. Schemas read from an OpenAPI document are JSON Schema 2020-12; $ref, type
  # lists and the keywords common to both validate alike (docs/guides/openapi.md lists the rest).
  version               = "draft4"
  body_schema           = each.value.body_schema
  allowed_content_types = length(each.value.allowed_content_types) > 0 ? each.value.allowed_content_types : null
  verbose_response      = true
  parameter_schema      = length(each.value.parameter_schema) > 0 ? each.value.parameter_schema : null
  tags                  = local.tags
}

# Kong OSS: this repository's Go plugin, one per operation, with the rules provider::kong::openapi_operations
# compiled at plan time (for OpenAPI documents) or the written-out schemas.
resource "kong_plugin" "openapi_request_validator" {
  for_each   = local.openapi_validator_operations
  depends_on = [data.kong_gateway.this]

  name     = "openapi-request-validator"
  route_id = kong_route.operation[each.key].id
  config   = each.value.plugin_config
  tags     = local.tags
}
