# NGINX and Kong configuration for the EC2 instance, rendered here so that the paths, ports, timeouts and body
# limits on the instance match the ALB rules and the Kong routes in this plan, and written at first boot by the
# launch template below. The outputs hold the rendered files for instances managed otherwise.

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

# The Kong instance, or each instance of an Auto Scaling group: the instance role, IMDSv2 only, and the rendered
# NGINX and Kong configuration written at first boot.
resource "aws_launch_template" "kong" {
  name_prefix            = "kong-gateway-"
  image_id               = var.kong_ami_id
  instance_type          = var.kong_instance_type
  vpc_security_group_ids = [var.kong_security_group_id]

  iam_instance_profile {
    name = module.kong_ec2_iam.instance_profile_name
  }

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
    # Kong always fetches an IMDSv2 session token first. Run in Docker on a bridge network it is one hop further
    # from the metadata service than the host, and with the default limit of 1 the token response never reaches
    # it: credential lookups stall, then fail.
    http_put_response_hop_limit = 2
  }

  user_data = base64encode(join("\n", ["#cloud-config", yamlencode({
    write_files = [
      { path = "/etc/nginx/conf.d/kong-gateway.conf", permissions = "0644", content = local.nginx_conf },
      { path = "/etc/kong/kong.conf", permissions = "0644", content = local.kong_conf },
    ]
  })]))
}
