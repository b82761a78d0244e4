provider "aws" {
  region = "eu-west-1"
}

module "lambda_invoke_guard" {
  source = "../../"

  lambda_functions = {
    api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1", qualifiers = ["live"] }
    api2 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2", qualifiers = ["live"] }
  }
  kong_role_arn    = "arn:aws:iam::123456789012:role/kong-gateway"
  deploy_role_arns = ["arn:aws:iam::123456789012:role/lambda-deploy"]
}

# In the organization's management account (another provider configuration):
#
# resource "aws_organizations_policy" "kong_backends" {
#   name    = "kong-backends-only-through-kong"
#   type    = "SERVICE_CONTROL_POLICY"
#   content = module.lambda_invoke_guard.scp_json
# }
#
# resource "aws_organizations_policy_attachment" "kong_backends" {
#   policy_id = aws_organizations_policy.kong_backends.id
#   target_id = "123456789012"
# }
