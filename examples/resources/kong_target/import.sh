# By upstream name (or id) and target address (or id)
terraform import kong_target.orders_a orders.internal/10.0.1.10:8080

# By upstream id and target id
terraform import kong_target.orders_a 7c1e5a3b-9d2f-4e6a-8b1c-3d5e7f9a1b2c/2b4d6f8a-0c1e-4a3b-9d5f-7e9a1b3c5d7f
