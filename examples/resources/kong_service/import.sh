# By id
terraform import kong_service.api1 0f6e4c1d-2b3a-4c5d-8e9f-a0b1c2d3e4f5

# By name
terraform import kong_service.api1 api1-lambda
