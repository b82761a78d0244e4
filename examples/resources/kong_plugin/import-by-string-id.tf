# Terraform 1.5+: adopt an existing plugin during plan and apply. The id may be the plugin's UUID or its
# instance_name. The imported config holds the fields whose values differ from Kong's defaults.
import {
  to = kong_plugin.correlation_id
  id = "global-correlation-id"
}
