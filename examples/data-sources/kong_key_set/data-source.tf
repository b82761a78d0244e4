# A key set managed elsewhere, found by name, to add a key of this configuration to it.
data "kong_key_set" "signing" {
  name = "token-signing"
}

resource "kong_key" "partner" {
  set_id = data.kong_key_set.signing.id
  kid    = "partner-2"
  pem = {
    public_key = file("${path.module}/keys/partner-2.pub.pem")
  }
}
