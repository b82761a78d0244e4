output "lambda_endpoint_id" {
  description = "For the Kong role's aws:SourceVpce condition."
  value       = module.vpc_endpoints.lambda_endpoint_id
}
