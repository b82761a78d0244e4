# By id
terraform import kong_consumer.angular_ui 8c1f5e2a-3b4d-4e6f-9a0b-1c2d3e4f5a6b

# By username
terraform import kong_consumer.angular_ui angular-ui
