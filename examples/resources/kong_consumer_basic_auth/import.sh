# By credential id
terraform import kong_consumer_basic_auth.partner 3c1e5a7b-9d2f-4b6a-8c0e-2f4a6c8e0b1d

# By consumer username (or id) and the credential's username (or id)
terraform import kong_consumer_basic_auth.partner partner/partner-gateway
