# By credential id
terraform import kong_consumer_oauth2.mobile 5e3a7c9d-1f4b-4d8c-ae2a-4b6c8d0e2f3a

# By consumer username (or id) and the credential's client_id (or id)
terraform import kong_consumer_oauth2.mobile mobile/mobile-app
