# By credential id
terraform import kong_consumer_key_auth.angular_ui 2d4f6a8c-0e1b-4c3d-9e5f-6a7b8c9d0e1f

# By consumer username (or id) and credential id
terraform import kong_consumer_key_auth.angular_ui angular-ui/2d4f6a8c-0e1b-4c3d-9e5f-6a7b8c9d0e1f
