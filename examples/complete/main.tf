# The whole architecture in one plan:
#
#   browser -> internal ALB (/api/*, /kong*, /dev/configurator/*) -> NGINX :80 on the Kong EC2
#           -> Kong :8000 (key-auth, ACL, CORS, validation) -> Lambda Invoke API through the interface VPC endpoint,
#              signed with the EC2 instance role
#
# AWS side: the NGINX target group, the listener rules, the VPC endpoints and the Kong instance role.
# Kong side (kong.tf): one kong-lambda-api per Flask function, the consumers and their keys and groups.
# Edge configuration (edge.tf): nginx.conf and kong.conf for the EC2 instance, rendered from templates/.

module "target_groups" {
  source = "../../modules/target-groups"

  name       = "kong-nginx"
  vpc_id     = var.vpc_id
  target_ips = { kong = var.kong_instance_private_ip }
  # NGINX answers /healthz from Kong's readiness endpoint: an instance whose Kong is down leaves the ALB.
  health_check = {
    path    = "/healthz"
    matcher = "200"
  }
  # Longer than the slowest request Kong lets through (the Lambda timeout), so deregistration drains it.
  deregistration_delay = 60
}

module "alb_listener_rules" {
  source = "../../modules/alb-listener-rules"

  listener_arn = var.alb_listener_arn
  rules = {
    # Kong Manager OSS has no login: only the admin networks reach it (and NGINX checks them again).
    kong_manager = {
      priority      = 10
      path_patterns = ["/kong", "/kong/*", "/kong-api/*"]
      source_ips    = var.admin_cidrs
      forward       = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
    }
    kong_proxy = {
      priority      = 20
      path_patterns = ["/api/*"]
      forward       = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
    }
    configurator = {
      priority      = 30
      path_patterns = ["/dev/configurator", "/dev/configurator/*"]
      forward       = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
    }
    # The direct ALB -> Lambda routes are retired: a client that could still reach the functions through them
    # would skip Kong's authentication, ACLs and validation.
    retired_api1 = {
      priority       = 40
      path_patterns  = ["/dev/api1", "/dev/api1/*"]
      fixed_response = { status_code = "403", message_body = "Use /api/dev/api1 (through Kong Gateway)." }
    }
    retired_api2 = {
      priority       = 50
      path_patterns  = ["/dev/api2", "/dev/api2/*"]
      fixed_response = { status_code = "403", message_body = "Use /api/dev/api2 (through Kong Gateway)." }
    }
  }
}

module "vpc_endpoints" {
  source = "../../modules/vpc-endpoints"

  name_prefix = "kong"
  vpc_id      = var.vpc_id
  subnet_ids  = var.endpoint_subnet_ids
  # Isolated (private DNS off): nothing else in the VPC changes; Kong's aws-lambda plugin uses the endpoint's own
  # DNS name (kong.tf).
  services               = ["lambda"]
  kong_security_group_id = var.kong_security_group_id
  kong_role_arn          = module.kong_ec2_iam.role_arn
  lambda_function_arns   = [for fn in values(var.lambda_functions) : "${fn.arn}:${fn.qualifier}"]
}

module "kong_ec2_iam" {
  source = "../../modules/kong-ec2-iam"

  name = "kong-gateway"
  lambda_functions = {
    for name, fn in var.lambda_functions : name => { arn = fn.arn, qualifiers = [fn.qualifier] }
  }
  # Invocations are allowed only through the Lambda endpoint: stolen instance credentials are useless elsewhere.
  source_vpce_ids = [module.vpc_endpoints.lambda_endpoint_id]
}
