# NGINX and Kong configuration for the EC2 instance, rendered here so that the paths, ports, timeouts and body
# limits on the instance match the ALB rules and the Kong routes in this plan. Deliver them with your usual
# instance configuration (user data, SSM State Manager, an image build); the outputs hold the rendered files.

locals {
  # Lambda timeout (Kong's plugin, 30 s) < NGINX proxy_read_timeout < ALB idle timeout (60 s): each hop gives up
  # after the one behind it, so the client gets Kong's answer rather than a proxy's timeout page.
  # Bodies: Kong refuses more than 4 MB itself (request-size-limiting, 413); NGINX must let such bodies through to
  # Kong, and Kong must keep them in memory so the aws-lambda plugin sends them.
  edge_settings = {
    alb_host            = var.alb_host
    trusted_proxy_cidrs = var.alb_subnet_cidrs
    admin_cidrs         = var.admin_cidrs
    kong_proxy_port     = 8000
    kong_admin_port     = 8001
    kong_gui_port       = 8002
    kong_status_port    = 8100
    angular_port        = 4302
    proxy_read_timeout  = 55
    # One megabyte of headroom, so that Kong (413 with its own message), not NGINX, refuses an oversized body.
    max_body_size = "${local.api_max_body_megabytes + 1}m"
  }

  nginx_conf = templatefile("${path.module}/templates/nginx.conf.tftpl", local.edge_settings)
  kong_conf  = templatefile("${path.module}/templates/kong.conf.tftpl", local.edge_settings)
}
