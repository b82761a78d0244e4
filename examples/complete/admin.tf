# The admin plane. Nothing on the UI/API origin reaches the Admin API or Kong Manager:
#
# - Operators: Session Manager port forwarding to 127.0.0.1:8001 (no network path; AWS-StartPortForwardingSession).
# - Atlantis and other automation: a separate HTTPS listener on the ALB (var.admin_listener.port) that only the CI
#   security groups may reach, forwarding to NGINX's automation server, which demands a Kong-Admin-Token from
#   Secrets Manager (templates/nginx-admin.conf.tftpl). On Kong Enterprise, RBAC can check the same header.
# - Kong Manager, only if var.kong_manager is set: its own host name, behind the ALB's authenticate-oidc action
#   (main.tf), never under the UI's host.

module "admin_target_group" {
  source = "../../modules/target-groups"

  name        = "kong-admin"
  vpc_id      = var.vpc_id
  port        = local.nginx_admin_port
  target_type = local.ha ? "instance" : "ip"
  target_ips  = local.ha ? {} : { kong = var.kong_instance_private_ip }
  health_check = {
    path    = "/healthz"
    matcher = "200"
  }
}

resource "aws_lb_listener" "admin" {
  load_balancer_arn = var.alb_arn
  port              = var.admin_listener.port
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.admin_listener.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = module.admin_target_group.nginx_target_group_arn
  }
}

# Only the CI security groups reach the admin listener's port on the ALB.
resource "aws_vpc_security_group_ingress_rule" "alb_admin_from_ci" {
  for_each = toset(var.admin_listener.ci_security_group_ids)

  security_group_id            = var.alb_security_group_id
  description                  = "Kong Admin API listener: CI only"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = var.admin_listener.port
  to_port                      = var.admin_listener.port
}

# And only the ALB reaches NGINX's automation server on the instance.
resource "aws_vpc_security_group_ingress_rule" "kong_admin_from_alb" {
  security_group_id            = var.kong_security_group_id
  description                  = "NGINX automation server (Admin API behind a token): the ALB only"
  referenced_security_group_id = var.alb_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = local.nginx_admin_port
  to_port                      = local.nginx_admin_port
}
