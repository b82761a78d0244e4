# By credential id
terraform import kong_consumer_jwt.batch_job 5b7d9f1c-2e4a-4c6b-8d0f-1a3c5e7a9b2d

# By consumer username (or id) and the credential's key (or id); everything after the first slash is the
# key, so issuer URLs work
terraform import kong_consumer_jwt.batch_job batch-job/batch-job
terraform import 'kong_consumer_jwt.staff["aB3xK9"]' staff/aB3xK9
