# A batch job signing its requests with HMAC. The shared secret comes from the secret store the job also
# reads, and is sent to Kong write-only, so it is in neither plan nor state (Terraform 1.11+). After rotating
# it in the secret store, bump secret_wo_version to rewrite the credential in place.
ephemeral "aws_secretsmanager_secret_version" "batch_hmac" {
  secret_id = "kong/consumers/batch/hmac-secret"
}

resource "kong_consumer_hmac_auth" "batch" {
  consumer_id       = kong_consumer.batch.id
  username          = "batch-job"
  secret_wo         = ephemeral.aws_secretsmanager_secret_version.batch_hmac.secret_string
  secret_wo_version = 1
}
