# The private CA that signed the upstream's certificate; the service verifies the upstream against it.
resource "kong_ca_certificate" "internal" {
  cert = file("${path.module}/tls/internal-ca.crt")
  tags = ["team-edge"]
}

resource "kong_service" "billing" {
  name            = "billing"
  protocol        = "https"
  host            = "billing.internal.example.com"
  port            = 443
  tls_verify      = true
  ca_certificates = [kong_ca_certificate.internal.id]
}
