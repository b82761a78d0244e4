resource "kong_upstream" "orders" {
  name = "orders.internal"
}

# Two backends; the second gets half the traffic of the first. Write the port: Kong would add 8000.
resource "kong_target" "orders_a" {
  upstream_id = kong_upstream.orders.id
  target      = "10.0.1.10:8080"
}

resource "kong_target" "orders_b" {
  upstream_id = kong_upstream.orders.id
  target      = "10.0.2.10:8080"
  weight      = 50
  tags        = ["az:b"]
}
