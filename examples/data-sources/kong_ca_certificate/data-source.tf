# A CA certificate another configuration manages, found by the SHA-256 of the certificate file.
data "kong_ca_certificate" "internal" {
  cert_digest = "9f2b5c1d7e3a6f8b0c4d2e1a7b9c3f5d8e0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c"
}

resource "kong_service" "ledger" {
  name            = "ledger"
  protocol        = "https"
  host            = "ledger.internal.example.com"
  port            = 443
  tls_verify      = true
  ca_certificates = [data.kong_ca_certificate.internal.id]
}
