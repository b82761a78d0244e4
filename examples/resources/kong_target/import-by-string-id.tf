# Terraform 1.5+: adopt an existing target during plan and apply: `<upstream name or id>/<target address or id>`.
import {
  to = kong_target.orders_a
  id = "orders.internal/10.0.1.10:8080"
}
