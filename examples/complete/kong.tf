# api1: proxy-style. One route on /dev/api1 for every method and subpath, like API Gateway's {proxy+}: the Flask
# app keeps routing and validating its own paths. Kong adds the API key check, the ACL group and CORS.
module "api1" {
  source = "../../modules/kong-lambda-api"

  name                 = "api1"
  lambda_function_arn  = var.lambda_functions["api1"].arn
  lambda_qualifier     = var.lambda_functions["api1"].qualifier
  lambda_endpoint_host = module.vpc_endpoints.lambda_endpoint_dns_name
  path_prefix          = local.api_path_prefixes["api1"]
  routing              = "proxy"
  max_body_megabytes   = local.api_max_body_megabytes
  cors                 = { origins = [var.ui_origin] }
  # Per consumer, or, when the function has reserved concurrency, one ceiling for the whole API (ha.tf), counted in
  # ElastiCache when several nodes serve it.
  rate_limit = {
    minute   = local.api_rate_ceilings["api1"] == null ? 600 : null
    second   = local.api_rate_ceilings["api1"]
    limit_by = local.api_rate_ceilings["api1"] == null ? "consumer" : "service"
  }
  rate_limit_redis                  = local.rate_limit_redis
  rate_limit_redis_password_wo      = var.redis_password
  rate_limit_redis_password_version = var.redis_password_version
}

# api2: fine-grained, governed by its OpenAPI documents, one per version (api2.v1.yaml, api2.v2.yaml, published by the
# Flask app: docs/guides/openapi.md). Every operation becomes one route with its own validation, v1 and v2 side by
# side; requests under /dev/api2/v1 or /dev/api2/v2 that match no operation get 404 from Kong and never reach the
# function. On Kong OSS the openapi-request-validator plugin (installed at first boot, edge.tf) checks path
# parameters, query, headers and bodies; on Kong Enterprise request-validator does. To retire a version, replace
# its document with {} (its requests keep getting 404) and delete the file.
module "api2" {
  source = "../../modules/kong-lambda-api"

  name                 = "api2"
  lambda_function_arn  = var.lambda_functions["api2"].arn
  lambda_qualifier     = var.lambda_functions["api2"].qualifier
  lambda_endpoint_host = module.vpc_endpoints.lambda_endpoint_dns_name
  path_prefix          = local.api_path_prefixes["api2"]
  routing              = "fine_grained"
  request_validation   = var.api2_request_validation
  max_body_megabytes   = local.api_max_body_megabytes
  cors                 = { origins = [var.ui_origin], extra_headers = ["X-Request-Id"] }
  rate_limit           = local.api_rate_ceilings["api2"] == null ? null : { second = local.api_rate_ceilings["api2"], limit_by = "service" }

  rate_limit_redis                  = local.rate_limit_redis
  rate_limit_redis_password_wo      = var.redis_password
  rate_limit_redis_password_version = var.redis_password_version

  versions = {
    v1 = { openapi = file("${path.module}/api2.v1.yaml") }
    v2 = { openapi = file("${path.module}/api2.v2.yaml") }
  }
}

locals {
  apis = { api1 = module.api1, api2 = module.api2 }

  # Largest request body either API accepts; NGINX and Kong's body buffer are sized from it (edge.tf).
  api_max_body_megabytes = 4

  # One ACL membership per consumer and API it may call.
  memberships = merge([
    for consumer, c in var.consumers : { for api in c.apis : "${consumer}/${api}" => { consumer = consumer, api = api } }
  ]...)
}

# Machine clients: API keys, in a header only (modules/kong-lambda-api sets key_in_query = false). No key ever
# reaches a browser.
resource "kong_consumer" "this" {
  for_each = var.consumers

  username = each.key
  tags     = ["consumer:${each.key}"]
}

# The key is write-only: Terraform sends it to Kong when the credential is created or key_version changes, and
# keeps no copy of it in the plan or the state.
resource "kong_consumer_key_auth" "this" {
  for_each = var.consumers

  consumer_id    = kong_consumer.this[each.key].id
  key_wo         = var.consumer_api_keys[each.key]
  key_wo_version = each.value.key_version
  tags           = ["consumer:${each.key}"]
}

resource "kong_consumer_acl" "this" {
  for_each = local.memberships

  consumer_id = kong_consumer.this[each.value.consumer].id
  group       = local.apis[each.value.api].acl_group
  tags        = ["consumer:${each.value.consumer}"]
}

# api2's contract, for the Flask app to validate what Kong OSS cannot (query parameters and JSON bodies) with the
# same schemas. The function reads it at cold start (its own role needs ssm:GetParameter on this name).
resource "aws_ssm_parameter" "api2_validation_contract" {
  name  = "/kong-gateway/apis/api2/validation-contract"
  type  = "String"
  tier  = "Advanced"
  value = module.api2.validation_contract
}

# Browsers: the Angular UI signs users in with the organisation's OIDC provider (authorization code + PKCE, see
# ui_config in edge.tf) and sends the access token. Kong's jwt plugin verifies it on every route of both APIs:
# RS256 signature with the provider's key, exp, and the issuer (iss) as the credential key, so only this provider's
# tokens map to the consumer. The token reaches the function in the Authorization header, so the Flask app can
# read the user (sub) for per-user authorization and audit; revoking one user is the IdP's job, not a shared key's.
locals {
  # kid => PEM of every RSA key in the provider's JWKS document: a key the IdP adds or removes shows in the plan.
  browser_jwks_pems = provider::kong::jwks_to_pem(var.browser_identity.jwks_json)
  # Kong's jwt credential holds one key per issuer: the one the IdP signs with now. With a single key in the JWKS
  # it is that one; during a rotation (two keys) signing_kid says which.
  browser_signing_kid = (
    var.browser_identity.signing_kid != null ? var.browser_identity.signing_kid :
    length(local.browser_jwks_pems) == 1 ? keys(local.browser_jwks_pems)[0] : null
  )
}

resource "kong_consumer" "browser_users" {
  username = "oidc-users"
  tags     = ["consumer:oidc-users"]
}

resource "kong_consumer_jwt" "browser_users" {
  consumer_id    = kong_consumer.browser_users.id
  key            = var.browser_identity.issuer
  algorithm      = "RS256"
  rsa_public_key = try(local.browser_jwks_pems[local.browser_signing_kid], null)
  tags           = ["consumer:oidc-users", "kid:${coalesce(local.browser_signing_kid, "none")}"]

  lifecycle {
    precondition {
      condition     = local.browser_signing_kid != null && contains(keys(local.browser_jwks_pems), coalesce(local.browser_signing_kid, "-"))
      error_message = "The JWKS document must hold exactly one RSA key, or var.browser_identity.signing_kid must name the one the identity provider signs with now."
    }
  }
}

# The ACL groups follow the consumers: the browser's users may call both APIs.
resource "kong_consumer_acl" "browser_users" {
  for_each = local.apis

  consumer_id = kong_consumer.browser_users.id
  group       = each.value.acl_group
  tags        = ["consumer:oidc-users"]
}

# What a request without a valid credential continues as when a service accepts either a token or a key. It is in
# no ACL group, so the ACL plugin refuses it (403): one of the two credentials is always required.
resource "kong_consumer" "anonymous" {
  username = "anonymous"
  tags     = ["consumer:anonymous"]
}

resource "kong_plugin_jwt" "browser" {
  for_each = local.apis

  service_id         = each.value.service_id
  claims_to_verify   = ["exp"]
  key_claim_name     = "iss"
  maximum_expiration = 3600
  header_names       = ["authorization"]
  uri_param_names    = []
  cookie_names       = []
  run_on_preflight   = false
  anonymous          = kong_consumer.anonymous.id
  tags               = ["api:${each.key}"]
}
