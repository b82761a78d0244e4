# Terraform 1.5+: adopt an existing key-auth plugin during plan and apply, by its UUID or instance_name.
import {
  to = kong_plugin_key_auth.api1
  id = "7c9e1a3b-5d6f-4b8c-9e0a-3f5b7d9f1c2e"
}
