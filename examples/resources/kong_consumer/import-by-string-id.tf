# Terraform 1.5+: adopt an existing consumer during plan and apply. The id may be the consumer's UUID or its username.
import {
  to = kong_consumer.angular_ui
  id = "angular-ui"
}
