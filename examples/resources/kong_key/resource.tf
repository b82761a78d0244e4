# A signing key whose private half never enters the Terraform state: it comes from an ephemeral
# resource and is sent write-only (Terraform 1.11+). Bump private_key_wo_version to rotate it in place.
ephemeral "aws_secretsmanager_secret_version" "signing_key" {
  secret_id = "kong/keys/signing-2025"
}

resource "kong_key" "signing_2025" {
  set_id = kong_key_set.signing.id
  name   = "signing-2025"
  kid    = "signing-2025"
  pem = {
    private_key_wo         = ephemeral.aws_secretsmanager_secret_version.signing_key.secret_string
    private_key_wo_version = 1
    public_key             = file("${path.module}/keys/signing-2025.pub.pem")
  }
}

# A partner's public key as a JSON Web Key; its "kid" member must equal kid.
resource "kong_key" "partner" {
  set_id = kong_key_set.signing.id
  kid    = "partner-1"
  jwk = jsonencode({
    kty = "EC"
    crv = "P-256"
    kid = "partner-1"
    x   = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
    y   = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
  })
}

# A private key Kong reads from a vault when it uses it (see kong_vault): only the reference is stored.
resource "kong_key" "from_vault" {
  kid = "vault-held"
  pem = {
    private_key = "{vault://app-env/signing-key}"
  }
}
