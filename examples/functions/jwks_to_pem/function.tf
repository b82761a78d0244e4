# The identity provider's signing keys, fetched at plan time: a key rotation shows in `terraform plan` as one
# credential created and one destroyed, and nothing changes while the keys stay the same.
data "http" "jwks" {
  url = "https://login.example.com/realms/staff/protocol/openid-connect/certs"
}

locals {
  # { "<kid>" = "-----BEGIN PUBLIC KEY-----\n..." } for every signing key (use = "enc" keys are left out)
  staff_keys = provider::kong::jwks_to_pem(data.http.jwks.response_body)
}

resource "kong_consumer_jwt" "staff" {
  for_each       = local.staff_keys
  consumer_id    = kong_consumer.staff.id
  key            = each.key
  algorithm      = "RS256"
  rsa_public_key = each.value
}
