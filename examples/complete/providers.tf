provider "aws" {
  region = var.region

  default_tags {
    tags = var.aws_tags
  }
}

# Every setting comes from the environment, so the configuration holds no secret: KONG_ADMIN_URL (for Atlantis, the
# ALB's admin listener, admin.tf; for operators, a Session Manager port forward) and KONG_ADMIN_TOKEN_SECRET_ID, the
# Secrets Manager secret the provider reads the token from at run time with Atlantis' own role (the read-only token's
# secret for plans, the full one for applies). Never KONG_ADMIN_TOKEN or a variable: see docs/guides/atlantis.md.
provider "kong" {
  default_tags = ["managed-by:terraform"]
}
