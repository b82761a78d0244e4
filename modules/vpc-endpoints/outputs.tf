output "security_group_id" {
  description = "Security group of the endpoints (ingress TCP 443 from the Kong security group only)."
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
  description = "DNS entries of each endpoint by service name (for a plugin host override when private DNS is off)."
  value       = { for service, endpoint in aws_vpc_endpoint.this : service => endpoint.dns_entry }
}

output "lambda_endpoint_policy_json" {
  description = "The lambda endpoint policy document, for review."
  value       = contains(var.services, "lambda") ? local.lambda_endpoint_policy : null
}
