# Terraform 1.5+: adopt an existing jwt plugin during plan and apply, by its UUID or instance_name.
import {
  to = kong_plugin_jwt.ui_api
  id = "3e5a7c9e-1b3d-4f6a-8c0e-2d4f6a8c0e1b"
}
