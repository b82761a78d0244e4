# Terraform 1.5+: adopt an existing request-validator plugin during plan and apply, by its UUID or instance_name.
import {
  to = kong_plugin_request_validator.api1_items
  id = "1c3e5a7b-9d0f-4e2a-b3c4-5d6e7f8a9b0c"
}
