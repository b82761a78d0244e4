# A legacy partner that can only send HTTP Basic credentials. The password comes from the secret store and is
# never in the plan or state (Terraform 1.11+); Kong stores only its hash. A new password in the secret store
# shows in the next plan (the hash differs) and is written in place; so does a password changed in Kong by hand.
ephemeral "aws_secretsmanager_secret_version" "partner_password" {
  secret_id = "kong/consumers/partner/basic-auth-password"
}

resource "kong_consumer_basic_auth" "partner" {
  consumer_id = kong_consumer.partner.id
  username    = "partner-gateway"
  password_wo = ephemeral.aws_secretsmanager_secret_version.partner_password.secret_string
  tags        = ["team:integrations"]
}
