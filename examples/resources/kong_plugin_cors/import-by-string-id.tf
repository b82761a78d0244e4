# Terraform 1.5+: adopt an existing cors plugin during plan and apply, by its UUID or instance_name.
import {
  to = kong_plugin_cors.api1
  id = "9e1a3c5d-7f8b-4d0e-a1c2-4b6d8f0a2c3e"
}
