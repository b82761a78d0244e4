# Every plugin of api1: its aws-lambda plugin, its key-auth, its ACL.
data "kong_plugins" "api1" {
  tags = ["api:api1"]
}

# Warn in every plan when nothing asks api1's callers for a key.
check "api1_requires_a_key" {
  assert {
    condition     = contains(data.kong_plugins.api1.names, "key-auth")
    error_message = "No key-auth plugin carries the tag api:api1: anyone who reaches Kong can call api1."
  }
}

# The service each plugin of api1 is scoped to (null when it is scoped to a route, a consumer or nothing).
output "api1_plugin_scopes" {
  value = { for p in data.kong_plugins.api1.entities : coalesce(p.instance_name, p.id) => p.service_id }
}
