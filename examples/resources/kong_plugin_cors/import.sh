# By id
terraform import kong_plugin_cors.api1 9e1a3c5d-7f8b-4d0e-a1c2-4b6d8f0a2c3e
