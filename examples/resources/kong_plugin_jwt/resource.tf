# The browser-facing API accepts only access tokens of the organisation's identity provider, signed by one
# of its keys (see kong_consumer_jwt) and not expired. Tokens are read from the Authorization header only:
# tokens in URLs end up in access logs, browser history and Referer headers.
resource "kong_plugin_jwt" "ui_api" {
  route_id           = kong_route.ui_api.id
  key_claim_name     = "kid" # one credential per signing key
  claims_to_verify   = ["exp"]
  maximum_expiration = 3600 # refuse tokens valid for more than an hour
  uri_param_names    = []
  header_names       = ["authorization"]
  run_on_preflight   = false # browsers send CORS preflights without the token
  tags               = ["api:ui"]
}
