output "nginx_conf" {
  description = "NGINX server configuration for the Kong EC2 instance."
  value       = local.nginx_conf
}

output "nginx_servers" {
  description = "Each NGINX server block on its own (ui, admin, and manager when enabled), as the tests check them."
  value       = local.nginx_servers
}

output "admin_tokens_script" {
  description = "Boot script that renders NGINX's Admin API token map from Secrets Manager; run it again after a rotation."
  value       = local.admin_tokens_script
}

output "plugin_install_script" {
  description = "First-boot script that installs the openapi-request-validator plugin from its versioned S3 object, or null without var.openapi_request_validator_plugin."
  value       = local.plugin_install_script
}

output "ui_config" {
  description = "The Angular app's config.json: OIDC settings and the API base, no key."
  value       = local.ui_config
}

output "flask_proxy_fix" {
  description = "werkzeug ProxyFix settings for the Flask apps: how many proxies append X-Forwarded-For (the ALB only) and set X-Forwarded-Prefix (NGINX)."
  value       = local.flask_proxy_fix
}

output "lambda_scp_json" {
  description = "Service control policy to attach in the organization's management account: only Kong's role and the deploy roles may invoke the functions."
  value       = module.lambda_invoke_guard.scp_json
}

output "kong_conf" {
  description = "kong.conf settings for the Kong EC2 instance."
  value       = local.kong_conf
}

output "api_routes" {
  description = "Kong routes per API: the proxy route and the fine-grained operation routes."
  value = {
    for name, api in local.apis : name => {
      proxy_route_id   = api.proxy_route_id
      operation_routes = api.operation_routes
    }
  }
}

output "consumer_groups" {
  description = "ACL groups (APIs) each consumer may call."
  value       = { for consumer, c in var.consumers : consumer => sort([for api in c.apis : local.apis[api].acl_group]) }
}

output "kong_instance_profile_name" {
  description = "Instance profile to attach to the Kong EC2 instance."
  value       = module.kong_ec2_iam.instance_profile_name
}

output "nginx_target_group_arn" {
  description = "Target group the ALB rules forward to."
  value       = module.target_groups.nginx_target_group_arn
}

output "cloudwatch_agent_config" {
  description = "The CloudWatch agent's configuration on each Kong instance: access and error logs to CloudWatch Logs, Kong's metrics scraped from the status listener."
  value       = local.cloudwatch_agent_config
}

output "prometheus_scrape_config" {
  description = "The CloudWatch agent's Prometheus scrape configuration: Kong's /metrics on the status listener (loopback)."
  value       = local.prometheus_scrape_config
}

output "kong_db_credentials_script" {
  description = "High availability only: the boot (and hourly) script that puts Kong's database password from the RDS-managed secret into Kong's environment. Null in the single-instance layout."
  value       = local.db_credentials_script
}
