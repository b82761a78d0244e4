# By id
terraform import kong_consumer_acl.angular_ui_api1 4a6c8e0a-2b3c-4d5e-8f9a-0b1c2d3e4f5a

# By consumer username (or id) and group
terraform import kong_consumer_acl.angular_ui_api1 angular-ui/api1
