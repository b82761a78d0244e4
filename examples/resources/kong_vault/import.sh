# By id
terraform import kong_vault.app_env 3c5e7a9b-2d4f-4a6c-8e0b-1f3a5c7e9b2d

# By prefix
terraform import kong_vault.app_env app-env
