# The functions Kong's aws-lambda plugins invoke, with the alias each plugin's `qualifier` names.
locals {
  kong_backends = {
    api1 = "arn:aws:lambda:eu-west-1:111122223333:function:api1:live"
    api2 = "arn:aws:lambda:eu-west-1:111122223333:function:api2:live"
  }
}

# Read-only AWS calls with the provider's AWS identity (the Atlantis plan role, say).
data "kong_lambda_invoke_check" "kong" {
  role_arn      = "arn:aws:iam::111122223333:role/kong-ec2" # the role of Kong's instance profile
  vpc_id        = "vpc-0a1b2c3d4e5f67890"                   # the VPC Kong runs in
  function_arns = values(local.kong_backends)
}

# Warn on every plan (and so in every Atlantis plan comment) without blocking anything.
check "kong_can_invoke_lambdas" {
  assert {
    condition     = data.kong_lambda_invoke_check.kong.all_ok
    error_message = "Kong cannot invoke every Lambda backend:\n${join("\n", data.kong_lambda_invoke_check.kong.problems)}"
  }
}

# Or stop the plan before Kong would route traffic to a function it cannot invoke.
locals {
  invoke_check = { for f in data.kong_lambda_invoke_check.kong.functions : f.arn => f }
}

resource "kong_service" "api1" {
  name = "api1"
  host = "lambda.eu-west-1.amazonaws.com" # the aws-lambda plugin answers instead of this upstream

  lifecycle {
    precondition {
      condition     = local.invoke_check[local.kong_backends.api1].ok
      error_message = "Kong cannot invoke ${local.kong_backends.api1}: ${join("; ", local.invoke_check[local.kong_backends.api1].reasons)}"
    }
  }
}
