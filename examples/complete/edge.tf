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
    manager_host        = var.kong_manager == null ? null : var.kong_manager.host
    trusted_proxy_cidrs = var.alb_subnet_cidrs
    ui_port             = 80
    admin_port          = local.nginx_admin_port
    admin_listener_port = var.admin_listener.port
    admin_tokens_file   = "/etc/nginx/kong-admin-tokens.conf"
    kong_proxy_port     = 8000
    kong_admin_port     = 8001
    kong_gui_port       = 8002
    kong_status_port    = 8100
    ui_root             = "/usr/share/nginx/configurator"
    oidc_issuer_origin  = regex("^https://[^/]+", var.browser_identity.issuer)
    proxy_read_timeout  = 55
    # One megabyte of headroom, so that Kong (413 with its own message), not NGINX, refuses an oversized body.
    max_body_size = "${local.api_max_body_megabytes + 1}m"
    # The Go plugin Kong starts as a plugin server (kong.conf pluginserver_*), or null.
    validator_plugin = var.openapi_request_validator_plugin == null ? null : {
      name    = "openapi-request-validator"
      setting = "openapi_request_validator"
      binary  = "/usr/local/bin/openapi-request-validator"
      # go-pdk listens on <kong prefix>/<binary name>.socket; Kong's default prefix is /usr/local/kong.
      socket = "/usr/local/kong/openapi-request-validator.socket"
    }
    # The legacy /dev/<api> paths NGINX passes to Kong while their APIs migrate (migration.tf).
    legacy_api_prefixes = local.legacy_api_prefixes
    kong_log_dir        = local.kong_log_dir
    # Kong's database: PostgreSQL on the instance (the small layout), or on RDS over verified TLS (ha.tf). The password
    # never reaches this file: kong-db-credentials puts it in Kong's environment at boot.
    database = local.ha ? {
      host       = aws_db_instance.kong[0].address
      port       = aws_db_instance.kong[0].port
      ssl        = true
      ssl_bundle = local.rds_ca_bundle
      } : {
      host       = "127.0.0.1"
      port       = 5432
      ssl        = false
      ssl_bundle = null
    }
    tracing_sampling_rate = var.tracing == null ? null : var.tracing.sampling_rate
  }

  # NGINX's listener for the automation path (ALB admin listener -> here -> Admin API).
  nginx_admin_port = 9001

  # One file per server block, so the tests can assert on each: the UI/API origin must never reach the Admin API
  # or Kong Manager, and the automation server must demand the token.
  nginx_servers = merge(
    {
      ui    = templatefile("${path.module}/templates/nginx-ui.conf.tftpl", local.edge_settings)
      admin = templatefile("${path.module}/templates/nginx-admin.conf.tftpl", local.edge_settings)
    },
    var.kong_manager == null ? {} : {
      manager = templatefile("${path.module}/templates/nginx-manager.conf.tftpl", local.edge_settings)
    },
  )
  nginx_conf = join("\n", concat(
    [templatefile("${path.module}/templates/nginx-common.conf.tftpl", local.edge_settings)],
    [for name in ["ui", "admin", "manager"] : local.nginx_servers[name] if contains(keys(local.nginx_servers), name)],
  ))
  kong_conf = templatefile("${path.module}/templates/kong.conf.tftpl", local.edge_settings)

  # Downloads the plugin's release archive at first boot, before Kong needs it (null without the plugin).
  plugin_install_script = var.openapi_request_validator_plugin == null ? null : templatefile(
    "${path.module}/templates/install-kong-plugin.sh.tftpl", merge(var.openapi_request_validator_plugin, {
      region = var.region
      name   = local.edge_settings.validator_plugin.name
      binary = local.edge_settings.validator_plugin.binary
    })
  )

  admin_tokens_script = templatefile("${path.module}/templates/admin-tokens.sh.tftpl", merge(local.edge_settings, {
    region                  = var.region
    secretsmanager_host     = module.vpc_endpoints.dns_names["secretsmanager"]
    admin_token_secret_arns = var.admin_token_secret_arns
  }))

  # Kong's database password from the RDS-managed secret (high availability only), into Kong's environment; run at boot
  # and hourly, since RDS rotates the secret: a changed password makes Kong reload.
  db_credentials_script = local.ha ? templatefile("${path.module}/templates/kong-db-credentials.sh.tftpl", {
    region              = var.region
    secretsmanager_host = module.vpc_endpoints.dns_names["secretsmanager"]
    secret_arn          = aws_db_instance.kong[0].master_user_secret[0].secret_arn
    env_file            = "/etc/kong/kong.env"
  }) : null

  # The CloudWatch agent (observability.tf): ships Kong's access and error logs and NGINX's error log, and scrapes Kong's
  # metrics from the status listener on loopback, through the logs endpoint's own DNS name (private DNS is off).
  prometheus_scrape_config = yamlencode({
    global = { scrape_interval = "1m", scrape_timeout = "10s" }
    scrape_configs = [{
      job_name       = "kong"
      metrics_path   = "/metrics"
      static_configs = [{ targets = ["127.0.0.1:${local.edge_settings.kong_status_port}"] }]
    }]
  })
  cloudwatch_agent_config = jsonencode({
    agent = { region = var.region }
    logs = {
      endpoint_override = module.vpc_endpoints.dns_names["logs"]
      logs_collected = {
        files = {
          collect_list = [
            { file_path = "${local.kong_log_dir}/access.json", log_group_name = local.log_groups.access, log_stream_name = "{instance_id}" },
            { file_path = "${local.kong_log_dir}/error.log", log_group_name = local.log_groups.error, log_stream_name = "{instance_id}/kong" },
            { file_path = "/var/log/nginx/error.log", log_group_name = local.log_groups.error, log_stream_name = "{instance_id}/nginx" },
          ]
        }
        prometheus = {
          cluster_name           = "kong-gateway"
          log_group_name         = local.log_groups.metrics
          prometheus_config_path = "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml"
          emf_processor = {
            metric_namespace = "KongGateway"
            metric_declaration = [
              {
                source_labels    = ["job"]
                label_matcher    = "^kong$"
                dimensions       = [["service", "code"]]
                metric_selectors = ["^kong_http_requests_total$"]
              },
              {
                source_labels    = ["job"]
                label_matcher    = "^kong$"
                dimensions       = [["service"]]
                metric_selectors = ["^kong_request_latency_ms_(sum|count)$", "^kong_kong_latency_ms_(sum|count)$"]
              },
              {
                source_labels    = ["job"]
                label_matcher    = "^kong$"
                dimensions       = [[]]
                metric_selectors = ["^kong_datastore_reachable$", "^kong_nginx_connections_total$"]
              },
            ]
          }
        }
      }
    }
  })

  # What the Angular app needs to sign users in (authorization code + PKCE) and call the APIs: public values only.
  # There is no API key: the app sends the user's access token, which Kong's jwt plugin verifies.
  ui_config = jsonencode({
    apiBaseUrl = "/api"
    oidc = {
      issuer       = var.browser_identity.issuer
      clientId     = var.browser_identity.client_id
      scope        = var.browser_identity.scope
      responseType = "code"
      usePkce      = true
      redirectUri  = "https://${var.alb_host}/dev/configurator/"
    }
  })

  # How many proxies append to X-Forwarded-For before the request reaches the Flask app: only the ALB (NGINX passes
  # the header on unchanged, and Kong's aws-lambda plugin puts the headers it received into the event). The app's
  # werkzeug ProxyFix takes x_for = this; x_prefix = 1 for NGINX's X-Forwarded-Prefix.
  flask_proxy_fix = { x_for = 1, x_proto = 1, x_prefix = 1 }
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

  # The plugin is installed before the admin tokens script reloads NGINX; the install script restarts Kong if it
  # was already running, so Kong starts its plugin server with the kong.conf written here.
  user_data = base64encode(join("\n", ["#cloud-config", yamlencode({
    write_files = concat(
      [
        { path = "/etc/nginx/conf.d/kong-gateway.conf", permissions = "0644", content = local.nginx_conf },
        { path = "/etc/kong/kong.conf", permissions = "0644", content = local.kong_conf },
        { path = "/usr/local/sbin/kong-admin-tokens", permissions = "0700", content = local.admin_tokens_script },
        { path = "${local.edge_settings.ui_root}/dev/configurator/assets/config.json", permissions = "0644", content = local.ui_config },
        { path = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json", permissions = "0644", content = local.cloudwatch_agent_config },
        { path = "/opt/aws/amazon-cloudwatch-agent/etc/prometheus.yaml", permissions = "0644", content = local.prometheus_scrape_config },
      ],
      local.plugin_install_script == null ? [] : [
        { path = "/usr/local/sbin/install-kong-plugin", permissions = "0700", content = local.plugin_install_script },
      ],
      local.ha ? [
        { path = "/usr/local/sbin/kong-db-credentials", permissions = "0700", content = local.db_credentials_script },
        { path = "/etc/cron.d/kong-db-credentials", permissions = "0644", content = "17 * * * * root /usr/local/sbin/kong-db-credentials\n" },
      ] : [],
    )
    runcmd = concat(
      # Kong's database password first: the plugin installer may restart Kong.
      local.ha ? [["/usr/local/sbin/kong-db-credentials"]] : [],
      local.plugin_install_script == null ? [] : [["/usr/local/sbin/install-kong-plugin"]],
      [
        ["/usr/local/sbin/kong-admin-tokens"],
        ["/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl", "-a", "fetch-config", "-m", "ec2", "-s", "-c", "file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"],
      ],
    )
  })]))
}
