# A target of an upstream, by the upstream's name and the target's address (with its port).
data "kong_target" "orders_a" {
  upstream = "orders.internal"
  target   = "10.0.1.10:8080"
}

output "orders_a_weight" {
  value = data.kong_target.orders_a.weight
}
