# The keys the gateway signs tokens with, grouped so that they rotate together.
resource "kong_key_set" "signing" {
  name = "token-signing"
  tags = ["platform"]
}
