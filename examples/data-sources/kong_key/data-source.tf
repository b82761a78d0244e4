# The public side of a signing key, e.g. to publish it to token consumers. Private members are never read.
data "kong_key" "signing" {
  name = "signing-2025"
}

output "signing_public_key" {
  value = data.kong_key.signing.public_key
}
