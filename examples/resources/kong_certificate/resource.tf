# The certificate Kong serves for api.example.com and its subdomains. The private key comes from a secret
# store as a write-only value, so it is never written to the plan or state (Terraform 1.11+); bump
# key_wo_version when the certificate is renewed with a new key.
ephemeral "aws_secretsmanager_secret_version" "api_tls_key" {
  secret_id = "kong/tls/api.example.com/key"
}

resource "kong_certificate" "api" {
  cert           = file("${path.module}/tls/api.example.com.crt")
  key_wo         = ephemeral.aws_secretsmanager_secret_version.api_tls_key.secret_string
  key_wo_version = 1
  snis           = ["api.example.com", "*.api.example.com"]
  tags           = ["team-edge"]
}

# An ECDSA certificate with an RSA alternative for older clients, made by the tls provider (for a test
# environment: the private keys are then in the state of the tls resources and of this one).
resource "tls_private_key" "ecdsa" {
  algorithm   = "ECDSA"
  ecdsa_curve = "P256"
}

resource "tls_self_signed_cert" "ecdsa" {
  private_key_pem       = tls_private_key.ecdsa.private_key_pem
  validity_period_hours = 24 * 90
  allowed_uses          = ["digital_signature", "server_auth"]
  dns_names             = ["test.example.com"]
  subject {
    common_name = "test.example.com"
  }
}

resource "tls_private_key" "rsa" {
  algorithm = "RSA"
  rsa_bits  = 2048
}

resource "tls_self_signed_cert" "rsa" {
  private_key_pem       = tls_private_key.rsa.private_key_pem
  validity_period_hours = 24 * 90
  allowed_uses          = ["key_encipherment", "digital_signature", "server_auth"]
  dns_names             = ["test.example.com"]
  subject {
    common_name = "test.example.com"
  }
}

resource "kong_certificate" "test" {
  cert     = tls_self_signed_cert.ecdsa.cert_pem
  key      = tls_private_key.ecdsa.private_key_pem
  cert_alt = tls_self_signed_cert.rsa.cert_pem
  key_alt  = tls_private_key.rsa.private_key_pem
  snis     = ["test.example.com"]
}
