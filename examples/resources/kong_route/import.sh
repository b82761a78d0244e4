# By id
terraform import kong_route.api1_proxy 5b1c7f3a-9d4e-4f1a-8c2b-1e2d3f4a5b6c

# By name
terraform import kong_route.api1_proxy api1-proxy
