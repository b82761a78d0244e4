# The env vault reads environment variables of the Kong nodes. With this vault, the reference
# {vault://app-env/lambda-secret} reads KONG_SECRET_LAMBDA_SECRET (Kong upper-cases the name and
# turns '-' into '_'), set on the nodes by whatever starts Kong (systemd, user data, the container).
resource "kong_vault" "app_env" {
  prefix      = "app-env"
  description = "Secrets from the Kong nodes' environment"
  config = {
    prefix = "KONG_SECRET_"
  }
  tags = ["platform"]
}

# A field Kong marks referenceable takes the reference instead of the secret: Kong resolves it when it
# uses the value, so the secret is in neither the Terraform configuration, plan and state nor Kong's
# database.
resource "kong_plugin_aws_lambda" "legacy" {
  route_id      = kong_route.legacy.id
  function_name = "arn:aws:lambda:eu-west-1:123456789012:function:legacy"
  aws_key       = "{vault://${kong_vault.app_env.prefix}/lambda-key}"
  aws_secret    = "{vault://${kong_vault.app_env.prefix}/lambda-secret}"
}
