output "nginx_conf" {
  description = "NGINX server configuration for the Kong EC2 instance."
  value       = local.nginx_conf
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
