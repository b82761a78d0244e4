# API 1 needs an API key (see kong_consumer_key_auth) in the x-api-key header. Keys in query strings end up
# in access logs, so only the header is accepted; the key is removed before the request reaches Lambda.
resource "kong_plugin_key_auth" "api1" {
  service_id       = kong_service.api1.id
  key_names        = ["x-api-key"]
  key_in_query     = false
  hide_credentials = true
  run_on_preflight = false # browsers send CORS preflights without the key
  tags             = ["api:api1"]
}
