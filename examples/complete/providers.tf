provider "aws" {
  region = var.region

  default_tags {
    tags = var.aws_tags
  }
}

# Every setting comes from the environment, so the configuration holds no secret: KONG_ADMIN_URL (for Atlantis,
# the Admin API reached over SSM port forwarding or a protected loopback route; see docs/guides/atlantis.md)
# and KONG_ADMIN_TOKEN when a proxy in front of the Admin API demands one.
provider "kong" {
  default_tags = ["managed-by:terraform"]
}
