# Terraform 1.5+: adopt an existing upstream during plan and apply. The id may be the upstream's UUID or its name.
import {
  to = kong_upstream.orders
  id = "orders.internal"
}
