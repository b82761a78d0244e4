terraform {
  required_providers {
    kong = {
      source = "kongform/kong"
    }
  }
}

# The Admin API listens on loopback on the Kong host; CI and Atlantis reach it through a private path
# (SSM port forwarding or a private NLB) and take the token from AWS, never from a file.
provider "kong" {
  admin_url = "http://127.0.0.1:8001"

  admin_token_secret = {
    secret_id = "kong/admin-token"
  }
  aws = {
    region = "eu-west-1"
  }

  max_retries             = 5
  max_concurrent_requests = 8
  default_tags            = ["managed-by:terraform", "stack:api-gateway"]
}
