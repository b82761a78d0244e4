# By id
terraform import kong_certificate.api 3f1c2a4e-8b6d-4e0f-9a7c-5d3b1e2f4a6c

# By one of its server names (SNIs)
terraform import kong_certificate.api api.example.com
