# NGINX and Kong configuration for the EC2 instance, rendered here so that the paths, ports, timeouts and body
# limits on the instance match the ALB rules and the Kong routes in this plan. Deliver them with your usual
# instance configuration (user data, SSM State Manager, an image build); the outputs hold the rendered files.

locals {
  kong_proxy_port  = 8000
  kong_admin_port  = 8001
  kong_gui_port    = 8002
  kong_status_port = 8100
  angular_port     = 4302

  # Lambda timeout (Kong's plugin, 30 s) < NGINX proxy_read_timeout < ALB idle timeout (60 s): each hop gives up
  # after the one behind it, so the client gets Kong's answer rather than a proxy's timeout page.
  nginx_proxy_read_timeout_seconds = 55
  # Kong refuses larger bodies itself (request-size-limiting, 413); NGINX must let them through to Kong, and Kong
  # must keep them in memory so the aws-lambda plugin sends them.
  max_body_megabytes = 4

  nginx_conf = templatefile("${path.module}/templates/nginx.conf.tftpl", {
    server_name          = var.alb_host
    trusted_proxy_cidrs  = var.alb_subnet_cidrs
    admin_cidrs          = var.admin_cidrs
    kong_proxy_port      = local.kong_proxy_port
    kong_admin_port      = local.kong_admin_port
    kong_gui_port        = local.kong_gui_port
    kong_status_port     = local.kong_status_port
    angular_port         = local.angular_port
    proxy_read_timeout   = local.nginx_proxy_read_timeout_seconds
    client_max_body_size = "${local.max_body_megabytes + 1}m"
  })

  kong_conf = templatefile("${path.module}/templates/kong.conf.tftpl", {
    alb_host            = var.alb_host
    trusted_proxy_cidrs = var.alb_subnet_cidrs
    kong_proxy_port     = local.kong_proxy_port
    kong_admin_port     = local.kong_admin_port
    kong_gui_port       = local.kong_gui_port
    kong_status_port    = local.kong_status_port
    body_buffer_size    = "${local.max_body_megabytes + 1}m"
  })
}
