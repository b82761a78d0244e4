# Terraform 1.5+: adopt an existing group membership during plan and apply, by "<consumer>/<group>" or its id.
import {
  to = kong_consumer_acl.angular_ui_api1
  id = "angular-ui/api1"
}
