output "role_arn" {
  description = "ARN of the Kong instance role (the principal for VPC endpoint and Lambda resource policies)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the Kong instance role."
  value       = aws_iam_role.this.name
}

output "instance_profile_name" {
  description = "Name of the instance profile to set on the Kong EC2 instance or launch template."
  value       = aws_iam_instance_profile.this.name
}

output "instance_profile_arn" {
  description = "ARN of the instance profile."
  value       = aws_iam_instance_profile.this.arn
}

output "inline_policy_json" {
  description = "The role's inline policy document, for review."
  value       = local.inline_policy
}

output "managed_policy_arns" {
  description = "Managed policies attached to the role: always empty, everything the role may do is in inline_policy_json."
  value       = []
}

output "actions_without_resource_scope" {
  description = "The only actions the role is granted on Resource \"*\": the Session Manager agent's, which have no resource types (ssmmessages) or act before the instance's ARN is known. Empty without Session Manager."
  value       = var.enable_ssm_session_manager ? local.actions_without_resource_scope : []
}
