# Terraform 1.5+: adopt an existing credential during plan and apply, by "<consumer>/<credential id>" or
# the credential id. The key itself is never used as an import id.
import {
  to = kong_consumer_key_auth.angular_ui
  id = "angular-ui/2d4f6a8c-0e1b-4c3d-9e5f-6a7b8c9d0e1f"
}
