# Inputs of examples/complete for its tests: loaded by terraform test for tests/*.tftest.hcl, and passed with
# -var-file to tests/kong-local by scripts/test-complete.sh.
vpc_id                = "vpc-0123456789abcdef0"
endpoint_subnet_ids   = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
alb_listener_arn      = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal-apps/0123456789abcdef/fedcba9876543210"
alb_host              = "apps.example.internal"
alb_subnet_cidrs      = ["10.0.0.0/24", "10.0.1.0/24"]
alb_arn               = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/internal-apps/0123456789abcdef"
alb_security_group_id = "sg-0a1a1a1a1a1a1a1a1"
admin_listener = {
  certificate_arn       = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000"
  ci_security_group_ids = ["sg-0b2b2b2b2b2b2b2b2"]
}
admin_token_secret_arns = {
  write = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-AbCdEf"
  read  = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong/admin-token-read-GhIjKl"
}
existing_lambda_rule_priorities = [100, 110]
deploy_role_arns                = ["arn:aws:iam::123456789012:role/lambda-deploy"]
browser_identity = {
  issuer    = "https://login.example.com/realms/apps"
  client_id = "configurator"
  jwks_json = "{\"keys\": [{\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"toSPvH7E3vlYOz2UxsEPFSDsdZOrT9hyMqy9H0T6eUQxRpz3Q7Aro0JniYTa6XTQrj76-yohX9oVDRsC4IWjPdP_FD372c1ZVNypmSXhsMVXO5WXrMMHIPCj9qJ7K_J7_kokBaSMseUKV0SuH3l-a5owvKdALtJOfSUhOQrZT1bK4jVNsSUFDF6VxyfXNLZP9HLwsNAeX6kRVKcRASJ6IKYTl4UHYOj8KJWbClznaPbXRD2SLwqvEWXAqS3PBAwiFS9ktDaYppCQ1XEXFVaOflrTz6dKuF-nOxmw_n-fViDNYZV9KFuydbwHDpPl8puSA5anq7JQW6YIJJ29ht2Y9Q\", \"e\": \"AQAB\", \"kid\": \"2026-11\"}]}"
}
kong_instance_private_ip = "10.0.10.25"
kong_ami_id              = "ami-0123456789abcdef0"
kong_security_group_id   = "sg-0c0c0c0c0c0c0c0c0"
ui_origin                = "http://localhost:4200"
lambda_functions = {
  api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1" }
  api2 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2" }
}
consumers = {
  reporting-batch = { apis = ["api1"] }
  billing-sync    = { apis = ["api1", "api2"] }
}
consumer_api_keys = {
  reporting-batch = "test-key-reporting-00000000000000"
  billing-sync    = "test-key-billing-000000000000000"
}
openapi_request_validator_plugin = {
  bucket     = "kong-artifacts-123456789012"
  key        = "kong-plugins/openapi-request-validator_0.2.0_linux_amd64.tar.gz"
  version_id = "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"
  sha256     = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
}
# Ephemeral: used by the high-availability runs only (Kong's ElastiCache user); terraform test needs every ephemeral
# variable set in both the plan and the apply of a run.
redis_password = "test-redis-password-0000000000000"
