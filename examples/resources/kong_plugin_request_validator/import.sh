# By id
terraform import kong_plugin_request_validator.api1_items 1c3e5a7b-9d0f-4e2a-b3c4-5d6e7f8a9b0c
