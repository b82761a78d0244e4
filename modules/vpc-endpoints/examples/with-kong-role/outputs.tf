output "instance_profile_name" {
  description = "Instance profile for the Kong EC2 instance."
  value       = module.kong_ec2_iam.instance_profile_name
}

output "lambda_endpoint_id" {
  description = "The endpoint Kong's invocations are pinned to."
  value       = module.vpc_endpoints.lambda_endpoint_id
}
