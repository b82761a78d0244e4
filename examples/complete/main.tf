# The whole architecture in one plan:
#
#   browser -> internal ALB (/api/*, /dev/configurator/*) -> NGINX :80 on the Kong EC2
#           -> Kong :8000 (jwt or key-auth, ACL, CORS, validation) -> Lambda Invoke API through the interface VPC
#              endpoint, signed with the EC2 instance role
#   Atlantis -> the ALB's admin listener (CI security groups only) -> NGINX :9001 (token) -> Admin API (admin.tf)
#
# AWS side: the NGINX target group, the listener rules, the VPC endpoints and the Kong instance role.
# Kong side (kong.tf): one kong-lambda-api per Flask function, the consumers and their keys and groups.
# Edge configuration (edge.tf): nginx.conf and kong.conf for the EC2 instance, rendered from templates/.

module "target_groups" {
  source = "../../modules/target-groups"

  name   = "kong-nginx"
  vpc_id = var.vpc_id
  # One instance registered by IP, or (high availability, ha.tf) the Auto Scaling group's instances by id.
  target_type = local.ha ? "instance" : "ip"
  target_ips  = local.ha ? {} : { kong = var.kong_instance_private_ip }
  # NGINX answers /healthz from Kong's readiness endpoint (/status/ready on the status listener, which is on loopback):
  # an instance whose Kong is not ready (no database, no configuration yet) leaves the ALB.
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
  rules = merge(
    {
      # The UI/API origin: NGINX's UI server, which reaches Kong's proxy and the static Angular app only. There is
      # no /kong or /kong-api rule any more: the admin plane is not on this origin (admin.tf).
      kong_proxy = {
        priority      = 20
        path_patterns = ["/api/*"]
        host_headers  = [var.alb_host]
        forward       = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
      }
      configurator = {
        priority      = 30
        path_patterns = ["/dev/configurator", "/dev/configurator/*"]
        host_headers  = [var.alb_host]
        forward       = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
      }
    },
    # The direct ALB -> Lambda routes are retired: a client that could still reach the functions through them would
    # skip Kong's authentication, ACLs and validation. must_precede fails the plan unless these outrank the existing
    # forward rules. An API still migrating (var.cutover, migration.tf) keeps its existing rule instead.
    {
      for api, priority in { api1 = 40, api2 = 50 } : "retired_${api}" => {
        priority                  = priority
        must_precede              = var.existing_lambda_rule_priorities
        path_patterns             = ["/dev/${api}", "/dev/${api}/*"]
        fixed_response            = { status_code = "403", message_body = "Use /api/dev/${api} (through Kong Gateway)." }
      } if !contains(keys(var.cutover), api)
    },
    # Kong Manager, if enabled: its own host name, every request authenticated by the ALB first.
    var.kong_manager == null ? {} : {
      kong_manager = {
        priority          = 10
        host_headers      = [var.kong_manager.host]
        authenticate_oidc = merge(var.kong_manager.oidc, { client_secret = var.kong_manager_oidc_client_secret })
        forward           = { target_groups = [{ arn = module.target_groups.nginx_target_group_arn }] }
      }
    },
  )
  # The APIs still moving from their Lambda target groups to Kong, by weight (migration.tf).
  migrations = local.cutover_migrations
}

module "vpc_endpoints" {
  source = "../../modules/vpc-endpoints"

  name_prefix = "kong"
  vpc_id      = var.vpc_id
  subnet_ids  = var.endpoint_subnet_ids
  # Isolated (private DNS off): nothing else in the VPC changes; Kong's aws-lambda plugin uses the lambda endpoint's
  # own DNS name (kong.tf), the boot scripts the secretsmanager endpoint's (edge.tf), and the CloudWatch agent the
  # logs endpoint's (observability.tf). Session Manager uses the VPC's existing ssm and ssmmessages endpoints (or the
  # shared ones below).
  services               = ["lambda", "secretsmanager", "logs"]
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
  # The openapi-request-validator plugin's release archive, downloaded at first boot (edge.tf).
  s3_object_arns = var.openapi_request_validator_plugin == null ? [] : [
    "arn:${data.aws_partition.current.partition}:s3:::${var.openapi_request_validator_plugin.bucket}/${var.openapi_request_validator_plugin.key}"
  ]
  # The Admin API tokens NGINX checks on the automation listener, read at boot; with high availability, the RDS-managed
  # secret holding Kong's database password (ha.tf).
  secret_arns = concat(values(var.admin_token_secret_arns), local.ha ? [aws_db_instance.kong[0].master_user_secret[0].secret_arn] : [])
  # Access logs and Kong's metrics, shipped by the CloudWatch agent (observability.tf).
  log_group_arns = [for group in aws_cloudwatch_log_group.kong : group.arn]
}

data "aws_partition" "current" {}

# Session Manager needs the ssm and ssmmessages endpoints. Most VPCs have them already, with private DNS; where they
# do not, create them shared: private DNS on, the VPC's other callers admitted (api2 reads its contract from SSM).
module "session_manager_endpoints" {
  source = "../../modules/vpc-endpoints"
  count  = var.create_session_manager_endpoints ? 1 : 0

  name_prefix            = "shared"
  vpc_id                 = var.vpc_id
  subnet_ids             = var.endpoint_subnet_ids
  services               = ["ssm", "ssmmessages"]
  private_dns_enabled    = true
  vpc_callers            = { cidr_blocks = var.vpc_cidr_blocks }
  kong_security_group_id = var.kong_security_group_id
}

# No way around Kong: the functions' resource policies name only Kong's role, and the SCP (an output, attached in
# the management account) denies every other principal but the deploy roles. The ALB's invoke permission is gone
# with the direct Lambda target groups (modules/target-groups with no lambda_target_groups).
module "lambda_invoke_guard" {
  source = "../../modules/lambda-invoke-guard"

  lambda_functions = { for name, fn in var.lambda_functions : name => { arn = fn.arn, qualifiers = [fn.qualifier] } }
  kong_role_arn    = module.kong_ec2_iam.role_arn
  deploy_role_arns = var.deploy_role_arns
}
