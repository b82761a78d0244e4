provider "aws" {
  region = "eu-west-1"
}

locals {
  kong_nginx_target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef"
  api1_lambda_target_group    = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-api1/0123456789abcdef"
}

module "alb_listener_rules" {
  source = "../../"

  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/0123456789abcdef/fedcba9876543210"

  rules = {
    # Kong Manager OSS has no login: only the admin network may reach it.
    kong_manager = {
      priority      = 10
      path_patterns = ["/kong", "/kong/*", "/kong-api/*"]
      source_ips    = ["10.20.0.0/16"]
      forward       = { target_groups = [{ arn = local.kong_nginx_target_group_arn }] }
    }
    kong_proxy = {
      priority      = 20
      path_patterns = ["/api/*"]
      forward       = { target_groups = [{ arn = local.kong_nginx_target_group_arn }] }
    }
    configurator = {
      priority      = 30
      path_patterns = ["/dev/configurator/*"]
      forward       = { target_groups = [{ arn = local.kong_nginx_target_group_arn }] }
    }
    # Gradual move: 90 % through Kong, 10 % still direct to the Lambda target group.
    dev_api1 = {
      priority      = 40
      path_patterns = ["/dev/api1/*"]
      forward = {
        target_groups = [
          { arn = local.kong_nginx_target_group_arn, weight = 90 },
          { arn = local.api1_lambda_target_group, weight = 10 },
        ]
      }
    }
    # Retired direct route: clients must go through Kong.
    dev_api2 = {
      priority       = 50
      path_patterns  = ["/dev/api2/*"]
      fixed_response = { status_code = "403", message_body = "Use the Kong Gateway route." }
    }
  }

  tags = {
    Project = "kong-gateway"
  }
}
