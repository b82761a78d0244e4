# The vault another configuration manages, so this one can refer to its secrets.
data "kong_vault" "platform" {
  prefix = "app-env"
}

locals {
  lambda_secret_reference = "{vault://${data.kong_vault.platform.prefix}/lambda-secret}"
}
