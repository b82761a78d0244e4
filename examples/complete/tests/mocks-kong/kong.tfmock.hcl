# The kong provider in the mocked tests: Kong ids are UUIDs, and the provider checks every foreign key it is given.
mock_resource "kong_consumer_jwt" {
  defaults = { id = "5e0a7e1c-0000-4000-8000-000000000004" }
}
mock_resource "kong_service" {
  defaults = { id = "5e0a7e1c-0000-4000-8000-000000000001" }
}
mock_resource "kong_route" {
  defaults = { id = "5e0a7e1c-0000-4000-8000-000000000002" }
}
mock_resource "kong_consumer" {
  defaults = { id = "5e0a7e1c-0000-4000-8000-000000000003" }
}
# A Kong OSS node with the openapi-request-validator plugin installed (kong.conf below).
mock_data "kong_gateway" {
  defaults = { edition = "community", version = "3.9.1", plugins_available = ["acl", "aws-lambda", "cors", "jwt", "key-auth", "openapi-request-validator"] }
}
