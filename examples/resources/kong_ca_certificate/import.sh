# By id (Kong addresses CA certificates by id only)
terraform import kong_ca_certificate.internal 7a2e4c6b-1d3f-4a5c-8e7b-9d0f2a4c6e8b
