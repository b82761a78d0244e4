# An upstream managed elsewhere (another team's configuration), found by name.
data "kong_upstream" "orders" {
  name = "orders.internal"
}

# Add a backend of this configuration to it.
resource "kong_target" "orders_canary" {
  upstream_id = data.kong_upstream.orders.id
  target      = "10.0.3.10:8080"
  weight      = 5
}
