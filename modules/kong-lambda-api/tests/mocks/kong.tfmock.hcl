# Kong ids are UUIDs and the provider refuses anything else; OpenTofu checks the mocked ids against the provider's
# validation (Terraform does not), so the mocks hand out UUIDs.
mock_resource "kong_service" {
  defaults = { id = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b" }
}
mock_resource "kong_route" {
  defaults = { id = "7a2b3c4d-5e6f-4a71-9b8c-0d1e2f3a4b5c" }
}
