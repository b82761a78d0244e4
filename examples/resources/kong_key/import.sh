# By id
terraform import kong_key.partner 9b1c3e5f-7a9b-4c1d-8e3f-5a7b9c1d3e5f

# By name
terraform import kong_key.signing_2025 signing-2025
