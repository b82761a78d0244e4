# The key comes from a secret store through an ephemeral value, so it is never written to the plan or state
# (Terraform 1.11+). To rotate it, store the new key and bump key_wo_version: the credential is rewritten in
# place, so the old key stops working the moment the new one starts.
ephemeral "aws_secretsmanager_secret_version" "angular_ui_key" {
  secret_id = "kong/consumers/angular-ui/api-key"
}

resource "kong_consumer_key_auth" "angular_ui" {
  consumer_id    = kong_consumer.angular_ui.id
  key_wo         = ephemeral.aws_secretsmanager_secret_version.angular_ui_key.secret_string
  key_wo_version = 1
  tags           = ["consumer:angular-ui"]
}

# Or let Kong generate the key; it is kept, sensitive, in the `key` attribute.
resource "kong_consumer_key_auth" "batch_job" {
  consumer_id = kong_consumer.batch_job.id
  ttl         = 2592000 # 30 days, then Kong deletes it and the next apply issues a new one
}
