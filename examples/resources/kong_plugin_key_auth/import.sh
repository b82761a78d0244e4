# By id
terraform import kong_plugin_key_auth.api1 7c9e1a3b-5d6f-4b8c-9e0a-3f5b7d9f1c2e
