# Inputs of examples/complete for its tests: loaded by terraform test for tests/*.tftest.hcl, and passed with
# -var-file to tests/kong-local by scripts/test-complete.sh.
vpc_id                   = "vpc-0123456789abcdef0"
endpoint_subnet_ids      = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
alb_listener_arn         = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal-apps/0123456789abcdef/fedcba9876543210"
alb_host                 = "apps.example.internal"
alb_subnet_cidrs         = ["10.0.0.0/24", "10.0.1.0/24"]
admin_cidrs              = ["10.20.0.0/16"]
kong_instance_private_ip = "10.0.10.25"
kong_ami_id              = "ami-0123456789abcdef0"
kong_security_group_id   = "sg-0c0c0c0c0c0c0c0c0"
ui_origin                = "http://localhost:4200"
lambda_functions = {
  api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1" }
  api2 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2" }
}
consumers = {
  angular-configurator = { apis = ["api1", "api2"] }
  reporting-batch      = { apis = ["api1"] }
}
consumer_api_keys = {
  angular-configurator = "test-key-angular-0000000000000000"
  reporting-batch      = "test-key-reporting-00000000000000"
}
