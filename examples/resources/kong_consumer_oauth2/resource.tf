# The mobile app's OAuth 2.0 client. The client secret comes from the secret store, is sent write-only
# (Terraform 1.11+) and Kong keeps only a PBKDF2 hash of it (hash_secret).
ephemeral "aws_secretsmanager_secret_version" "mobile_client" {
  secret_id = "kong/consumers/mobile/oauth2-client-secret"
}

resource "kong_consumer_oauth2" "mobile" {
  consumer_id              = kong_consumer.mobile.id
  name                     = "Example mobile app"
  client_id                = "mobile-app"
  client_secret_wo         = ephemeral.aws_secretsmanager_secret_version.mobile_client.secret_string
  client_secret_wo_version = 1
  hash_secret              = true
  redirect_uris            = ["https://app.example.com/oauth/callback", "com.example.app://oauth/callback"]
  tags                     = ["team:mobile"]
}
