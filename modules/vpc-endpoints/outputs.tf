output "security_group_id" {
  description = "Security group of the endpoints (ingress TCP 443 from the Kong security group, plus var.vpc_callers when private DNS is on)."
  value       = aws_security_group.endpoints.id
}

output "endpoint_ids" {
  description = "Endpoint IDs by service name."
  value       = { for service, endpoint in aws_vpc_endpoint.this : service => endpoint.id }
}

output "lambda_endpoint_id" {
  description = "ID of the lambda endpoint, for the Kong role's aws:SourceVpce condition; null without one."
  value       = try(aws_vpc_endpoint.this["lambda"].id, null)
}

output "dns_entries" {
  description = "DNS entries of each endpoint by service name."
  value       = { for service, endpoint in aws_vpc_endpoint.this : service => endpoint.dns_entry }
}

output "dns_names" {
  description = "Endpoint-specific regional DNS name of each endpoint by service name (vpce-...<service>.<region>.vpce.amazonaws.com): with private DNS off, the host callers must use, such as the aws-lambda plugin's host."
  value       = { for service, endpoint in aws_vpc_endpoint.this : service => try(endpoint.dns_entry[0].dns_name, null) }
}

output "lambda_endpoint_dns_name" {
  description = "Endpoint-specific DNS name of the lambda endpoint, for the aws-lambda plugin's host (modules/kong-lambda-api lambda_endpoint_host) when private DNS is off; null without a lambda endpoint."
  value       = try(aws_vpc_endpoint.this["lambda"].dns_entry[0].dns_name, null)
}

output "lambda_endpoint_policy_json" {
  description = "The lambda endpoint policy document, for review."
  value       = contains(var.services, "lambda") ? local.lambda_endpoint_policy : null
}
