# Browser users sign in with the organisation's OpenID Connect provider; Kong verifies their RS256 access
# tokens. One credential per signing key of the provider's JWKS: Kong keeps `key` unique, so each credential's
# key is the signing key's kid, and the jwt plugin selects the credential by the token's kid
# (key_claim_name = "kid"). When the provider rotates its keys, the plan creates one credential and destroys
# another.
data "http" "jwks" {
  url = "https://login.example.com/realms/staff/protocol/openid-connect/certs"
}

resource "kong_consumer_jwt" "staff" {
  for_each       = provider::kong::jwks_to_pem(data.http.jwks.response_body)
  consumer_id    = kong_consumer.staff.id
  key            = each.key
  algorithm      = "RS256"
  rsa_public_key = each.value
  tags           = ["idp:staff"]
}

# A machine client signing HS256 tokens with a shared secret, kept out of the plan and state (Terraform
# 1.11+). Its tokens carry iss = "batch-job". Bump secret_wo_version to rotate the secret in place.
ephemeral "aws_secretsmanager_secret_version" "batch_job_jwt" {
  secret_id = "kong/consumers/batch-job/jwt-secret"
}

resource "kong_consumer_jwt" "batch_job" {
  consumer_id       = kong_consumer.batch_job.id
  key               = "batch-job"
  secret_wo         = ephemeral.aws_secretsmanager_secret_version.batch_job_jwt.secret_string
  secret_wo_version = 1
}
