variable "name" {
  description = "Short name of the API, such as \"api1\". Names the Kong service (\"<name>-lambda\") and routes, is the default ACL group, and is added to every entity as the tag \"api:<name>\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$", var.name))
    error_message = "var.name must be 2-40 lower-case letters, digits or hyphens, not starting or ending with a hyphen."
  }
}

variable "lambda_function_arn" {
  description = "Unqualified ARN of the Lambda function behind the API. The kongform provider (not Kong) sends its Region as the plugin's aws_region."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", var.lambda_function_arn))
    error_message = "var.lambda_function_arn must be an unqualified Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>); put an alias or version in var.lambda_qualifier."
  }
}

variable "lambda_qualifier" {
  description = "Alias or version Kong invokes, such as \"live\"; null invokes $LATEST. The Kong instance role must allow \"<arn>:<qualifier>\" (modules/kong-ec2-iam `qualifiers`)."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_qualifier == null || can(regex("^(\\$LATEST|[0-9]+|[A-Za-z0-9_-]{1,128})$", var.lambda_qualifier))
    error_message = "var.lambda_qualifier must be an alias name, a version number or $LATEST."
  }
}

variable "lambda_endpoint_host" {
  description = "Host name Kong sends Invoke requests to: the lambda endpoint's own DNS name (vpce-...lambda.<region>.vpce.amazonaws.com, modules/vpc-endpoints lambda_endpoint_dns_name) when its private DNS is off (the isolated default). Null keeps lambda.<region>.amazonaws.com, which only a private-DNS (shared) endpoint answers inside the VPC."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_endpoint_host == null || can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", var.lambda_endpoint_host))
    error_message = "var.lambda_endpoint_host must be an AWS host name ending in .amazonaws.com, without a scheme or port."
  }
}

variable "lambda_timeout_ms" {
  description = "Milliseconds Kong waits for the Invoke response. Keep it below NGINX's proxy_read_timeout and the ALB idle timeout (60 s), so Kong answers before a proxy in front of it gives up."
  type        = number
  default     = 30000

  validation {
    condition     = var.lambda_timeout_ms >= 1000 && var.lambda_timeout_ms <= 59000 && floor(var.lambda_timeout_ms) == var.lambda_timeout_ms
    error_message = "var.lambda_timeout_ms must be a whole number of milliseconds from 1000 to 59000 (below the ALB's 60 s idle timeout)."
  }
}

variable "routing" {
  description = <<-EOT
    Routing model, the one switch between the two ways of exposing the function:
    - "proxy": one route on path_prefix for every method and subpath; the Flask app routes and validates itself.
    - "fine_grained": one route per operation in `versions` (written out or read from the version's OpenAPI
      document), each with its own validation; anything else under a version's prefix is answered 404 by Kong and
      never reaches the function.
    - "both": the two side by side on the same function. Operations take precedence; versions listed in `versions`
      are closed (unknown operations get 404), and every other path under path_prefix goes to the proxy route.
  EOT
  type        = string
  default     = "proxy"

  validation {
    condition     = contains(["proxy", "fine_grained", "both"], var.routing)
    error_message = "var.routing must be \"proxy\", \"fine_grained\" or \"both\"."
  }

  validation {
    condition     = var.routing == "proxy" || length(flatten([for v in values(var.versions) : keys(v.operations)])) > 0 || anytrue([for v in values(var.versions) : v.openapi != null])
    error_message = "var.routing = \"fine_grained\" or \"both\" needs at least one version in var.versions with operations or an OpenAPI document."
  }

  validation {
    condition     = var.routing == "proxy" || var.request_validation != null
    error_message = "var.routing = \"fine_grained\" or \"both\" needs var.request_validation: \"request_validator\" (Kong Enterprise), \"openapi_request_validator\" (Kong OSS with this repository's plugin) or \"backend\" (Kong OSS: the Flask app validates bodies and query parameters)."
  }
}

variable "path_prefix" {
  description = "Path prefix of the API as Kong sees it, such as \"/dev/api1\" (NGINX removes the public \"/api\" in front). The proxy route matches it by string prefix; operation paths are appended to \"<path_prefix>/<version>\"."
  type        = string

  validation {
    condition     = can(regex("^(/[A-Za-z0-9._~-]+)+$", var.path_prefix))
    error_message = "var.path_prefix must be an absolute path such as \"/dev/api1\": segments of letters, digits and ._~- with no trailing slash."
  }
}

variable "versions" {
  description = <<-EOT
    Fine-grained operations, grouped by API version ("v1", "v2", ...), each version with its own schemas. Each
    operation becomes one Kong route on "<path_prefix>/<version><path>" for exactly its methods. A version gives
    either its OpenAPI document or its operations written out; a version with neither is retired (closed: every
    request under it gets 404 from Kong).

    openapi: the version's OpenAPI 3.0 or 3.1 document (YAML or JSON text, e.g. file("api2.v1.yaml")). Every
    operation becomes a route named "<name>-<version>-<operationId>", with the validation rules of its parameters
    and request body (provider::kong::openapi_operations); the document's servers are ignored, the prefix is
    "<path_prefix>/<version>". What Kong cannot express (cookie parameters, callbacks, ...) fails the plan, naming
    the operation and the JSON pointer.

    operations, written out, keyed by a lower-case name:
    - path: "/items/{item_id}"; a {param} matches one path segment, or `path_parameters[param]` (a regular expression
      without slashes or groups). Parameters reach the function as the event's pathParameters.
    - methods: upper-case HTTP methods; OPTIONS is added for CORS preflights when `cors` is set.
    - required_headers: header name => regular expression the value must match (".+" for any value).
    - query_parameters: name => { required, schema (JSON Schema text, e.g. jsonencode({ type = "integer" })) }.
    - body_schema: JSON Schema (draft 4) text for a JSON body; only for POST, PUT and PATCH.
  EOT
  type = map(object({
    openapi = optional(string)
    operations = optional(map(object({
      path             = string
      methods          = list(string)
      path_parameters  = optional(map(string), {})
      required_headers = optional(map(string), {})
      query_parameters = optional(map(object({
        required = optional(bool, false)
        schema   = optional(string, "{\"type\":\"string\"}")
      })), {})
      body_schema = optional(string)
    })), {})
  }))
  default = {}

  validation {
    condition     = alltrue([for v in values(var.versions) : v.openapi == null || length(v.operations) == 0])
    error_message = "A version in var.versions gives either its OpenAPI document (openapi) or its operations, not both."
  }

  validation {
    condition     = alltrue([for v in keys(var.versions) : can(regex("^v[0-9]+$", v))])
    error_message = "var.versions keys must be version names such as \"v1\" or \"v2\"."
  }

  validation {
    condition     = alltrue(flatten([for v in values(var.versions) : [for k in keys(v.operations) : can(regex("^[a-z0-9][a-z0-9_-]{0,62}$", k))]]))
    error_message = "Operation keys in var.versions must be lower-case letters, digits, _ and - (they name Kong routes)."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : can(regex("^(/([A-Za-z0-9._~-]+|\\{[A-Za-z_][A-Za-z0-9_]*\\}))+$", op.path))
    ]]))
    error_message = "Operation paths in var.versions must look like \"/items/{item_id}\": segments of letters, digits and ._~-, or one {parameter} per segment."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : length(op.methods) > 0 && alltrue([
        for m in op.methods : contains(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], m)
      ])
    ]]))
    error_message = "Operation methods in var.versions must be one or more of GET, HEAD, POST, PUT, PATCH, DELETE (upper case; OPTIONS is added for CORS)."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : [
        for p, pattern in op.path_parameters :
        strcontains(op.path, "{${p}}") && can(regexall(pattern, ""))
      ]
    ]]))
    error_message = "Every key of path_parameters must appear as {key} in the operation's path, and its value must be a valid regular expression."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : [for pattern in values(op.path_parameters) : !strcontains(pattern, "/") && !strcontains(pattern, "(")]
    ]]))
    error_message = "path_parameters patterns must not contain \"/\" (a parameter is one path segment) or \"(\" (the module adds the named group)."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : [
        for h, pattern in op.required_headers : can(regex("^[A-Za-z0-9_-]+$", h)) && lower(h) != "host" && can(regexall(pattern, ""))
      ]
    ]]))
    error_message = "required_headers keys must be header names (letters, digits, _ and -, not Host) and values valid regular expressions."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : [for q in values(op.query_parameters) : can(jsondecode(q.schema).type)]
    ]]))
    error_message = "query_parameters[*].schema must be JSON Schema text with a top-level \"type\", for example jsonencode({ type = \"integer\" })."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : op.body_schema == null || can(keys(jsondecode(op.body_schema)))
    ]]))
    error_message = "body_schema must be a JSON Schema document (a JSON object), for example jsonencode({ type = \"object\", ... })."
  }

  validation {
    condition = alltrue(flatten([for v in values(var.versions) : [
      for op in values(v.operations) : op.body_schema == null || length(setsubtract(op.methods, ["POST", "PUT", "PATCH"])) == 0
    ]]))
    error_message = "An operation with a body_schema may only list POST, PUT or PATCH: other methods carry no JSON body to validate."
  }

  validation {
    condition     = alltrue([for v in values(var.versions) : length(flatten([for op in values(v.operations) : [for m in op.methods : "${m} ${op.path}"]])) == length(distinct(flatten([for op in values(v.operations) : [for m in op.methods : "${m} ${op.path}"]])))])
    error_message = "Two operations of the same version must not share a method and a path: Kong could not tell which one a request is for."
  }
}

variable "request_validation" {
  description = <<-EOT
    Where the fine-grained operations' headers, query parameters and JSON bodies are validated (methods, paths and
    path parameter patterns are always enforced by Kong's router):
    - "request_validator": by Kong Enterprise's request-validator plugin, one per operation; invalid requests get 400
      and never reach the function. The plan fails on Kong OSS, where the plugin does not exist.
    - "openapi_request_validator": on Kong OSS, by the openapi-request-validator plugin built from this repository
      (plugins/openapi-request-validator, installed on the node with plugins = bundled,openapi-request-validator),
      one per operation; invalid requests get 400 with what failed. With an OpenAPI document it also checks path
      parameters against their schemas. The plan fails on a node that does not have the plugin.
    - "backend": for Kong OSS. Required headers are enforced by the route (a request without them matches no
      operation and gets 404); query parameters and bodies are validated by the Flask app, from the schemas this
      module publishes in the `validation_contract` output.
    Null is allowed only with routing = "proxy".
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.request_validation == null || contains(["request_validator", "openapi_request_validator", "backend"], coalesce(var.request_validation, "-"))
    error_message = "var.request_validation must be \"request_validator\" (Kong Enterprise), \"openapi_request_validator\" (Kong OSS with this repository's plugin) or \"backend\" (Kong OSS)."
  }
}

variable "acl_group" {
  description = "ACL group a consumer must belong to (kong_consumer_acl) to call this API. Null uses var.name."
  type        = string
  default     = null

  validation {
    condition     = var.acl_group == null || can(regex("^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$", coalesce(var.acl_group, "-")))
    error_message = "var.acl_group must be 1-64 letters, digits or ._~- characters."
  }
}

variable "key_names" {
  description = "Headers (or query parameters) key-auth reads the API key from. Kong removes the key before invoking the function."
  type        = list(string)
  default     = ["x-api-key"]

  validation {
    condition     = length(var.key_names) > 0 && alltrue([for k in var.key_names : can(regex("^[A-Za-z0-9_-]+$", k))])
    error_message = "var.key_names must list at least one header name (letters, digits, _ and -)."
  }
}

variable "key_auth_anonymous_consumer_id" {
  description = "Id of a consumer (outside every ACL group) that requests without an API key continue as, so that another authentication plugin on the service, such as jwt for browsers, can accept them instead (Kong's \"either credential\" pattern). Null: key-auth alone decides, and a request without a key gets 401."
  type        = string
  default     = null
}

variable "cors" {
  description = "CORS for browser clients on other origins, such as the Angular configurator during development. Null adds no CORS plugin. `origins` are exact origins (scheme://host[:port]); the API key header and Content-Type are always allowed."
  type = object({
    origins         = list(string)
    extra_headers   = optional(list(string), [])
    exposed_headers = optional(list(string), [])
    max_age         = optional(number, 3600)
  })
  default = null

  validation {
    condition     = var.cors == null || try(length(var.cors.origins) > 0 && alltrue([for o in var.cors.origins : can(regex("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", o))]), false)
    error_message = "var.cors.origins must list exact origins such as \"https://configurator.example.internal\" (no \"*\", no path, no trailing slash)."
  }
}

variable "rate_limit" {
  description = <<-EOT
    Optional rate limit (Kong's rate-limiting plugin). limit_by = "consumer" (default) counts each consumer on its own;
    "service" counts every request to the API together, a ceiling to keep under the function's reserved concurrency
    (requests per second ~ concurrency / duration in seconds), so that Kong answers 429 before Lambda throttles (which
    Kong turns into 500s). Counters are per Kong node unless rate_limit_redis is set. Null adds none.
  EOT
  type = object({
    second   = optional(number)
    minute   = optional(number)
    hour     = optional(number)
    limit_by = optional(string, "consumer")
  })
  default = null

  validation {
    condition     = var.rate_limit == null || try(anytrue([for n in [var.rate_limit.second, var.rate_limit.minute, var.rate_limit.hour] : n != null]), false)
    error_message = "var.rate_limit must set at least one of second, minute or hour."
  }

  validation {
    condition     = var.rate_limit == null || try(alltrue([for n in [var.rate_limit.second, var.rate_limit.minute, var.rate_limit.hour] : n == null ? true : n > 0 && floor(n) == n]), false)
    error_message = "var.rate_limit limits must be positive whole numbers."
  }

  validation {
    condition     = var.rate_limit == null || try(contains(["consumer", "service"], var.rate_limit.limit_by), false)
    error_message = "var.rate_limit.limit_by must be \"consumer\" or \"service\"."
  }
}

variable "rate_limit_redis" {
  description = <<-EOT
    Shared counters for var.rate_limit (policy "redis"), required wherever more than one Kong node serves the API: with
    the "local" policy each node counts on its own, so N nodes let N times the limit through. TLS is always on and the
    server certificate is verified against server_name (ElastiCache's are publicly trusted). The user's password goes in
    rate_limit_redis_password_wo. Null keeps the "local" policy.
  EOT
  type = object({
    host        = string
    port        = optional(number, 6379)
    username    = optional(string)
    server_name = optional(string)
    timeout_ms  = optional(number, 2000)
  })
  default = null

  validation {
    condition     = var.rate_limit_redis == null || try(can(regex("^[A-Za-z0-9.-]+$", var.rate_limit_redis.host)) && var.rate_limit_redis.port >= 1 && var.rate_limit_redis.port <= 65535, false)
    error_message = "var.rate_limit_redis needs a host name and a port from 1 to 65535."
  }
}

variable "rate_limit_redis_password_wo" {
  description = "Password of rate_limit_redis's user. Ephemeral and write-only: sent to Kong in the plugin's config_wo, never kept in a plan or the state. Raise rate_limit_redis_password_version when it changes."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "rate_limit_redis_password_version" {
  description = "Any number changed whenever rate_limit_redis_password_wo changes, so the plugin is rewritten with the new password."
  type        = number
  default     = 1
}

variable "max_body_megabytes" {
  description = "Largest request body Kong accepts (413 above it). Lambda's synchronous Invoke payload limit is 6 MB and Kong base64-encodes bodies (+33%) inside a JSON event, so about 4 MB is the most that can reach the function."
  type        = number
  default     = 4

  validation {
    condition     = var.max_body_megabytes >= 1 && var.max_body_megabytes <= 4 && floor(var.max_body_megabytes) == var.max_body_megabytes
    error_message = "var.max_body_megabytes must be a whole number from 1 to 4: larger bodies exceed Lambda's 6 MB Invoke payload once base64-encoded."
  }
}

variable "tags" {
  description = "Tags for every Kong entity the module creates, next to \"api:<name>\" (and \"version:<v>\" on operation routes)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.tags : can(regex("^[\\x21-\\x2B\\x2D-\\x2E\\x30-\\x7E]+$", t))])
    error_message = "var.tags must be printable ASCII without spaces, commas or slashes (Kong's tag rules)."
  }
}
