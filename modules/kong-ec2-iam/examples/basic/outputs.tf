output "instance_profile_name" {
  description = "Instance profile for the Kong EC2 instance."
  value       = module.kong_ec2_iam.instance_profile_name
}

output "role_arn" {
  description = "Kong instance role ARN."
  value       = module.kong_ec2_iam.role_arn
}
