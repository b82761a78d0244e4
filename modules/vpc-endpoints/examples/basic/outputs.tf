output "lambda_endpoint_id" {
  description = "For the Kong role's aws:SourceVpce condition."
  value       = module.vpc_endpoints.lambda_endpoint_id
}

output "lambda_endpoint_dns_name" {
  description = "Host for Kong's aws-lambda plugin (private DNS is off)."
  value       = module.vpc_endpoints.lambda_endpoint_dns_name
}
