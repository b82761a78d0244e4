# A route found by name, for example to scope a plugin to it from another configuration.
data "kong_route" "api1_proxy" {
  name = "api1-proxy"
}

output "api1_paths" {
  value = data.kong_route.api1_proxy.paths
}
