# By credential id
terraform import kong_consumer_hmac_auth.batch 4d2f6b8c-0e3a-4c7b-9d1f-3a5b7c9d1e2f

# By consumer username (or id) and the credential's username (or id)
terraform import kong_consumer_hmac_auth.batch batch/batch-job
