# By id
terraform import kong_upstream.orders 7c1e5a3b-9d2f-4e6a-8b1c-3d5e7f9a1b2c

# By name
terraform import kong_upstream.orders orders.internal
