# By id
terraform import kong_key_set.signing 7a9b2d4f-6c8e-4a0b-9c1d-3e5f7a9b1c2d

# By name
terraform import kong_key_set.signing token-signing
