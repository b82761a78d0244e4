output "scp_json" {
  description = "Service control policy for the functions' account: attach it from the organization's management account (aws_organizations_policy of type SERVICE_CONTROL_POLICY and an aws_organizations_policy_attachment on the account or its OU)."
  value       = jsonencode(local.scp)
}

output "permission_statement_ids" {
  description = "The resource policy statements that admit the Kong role, by \"<name>:<alias>\"."
  value       = { for key, p in aws_lambda_permission.kong : key => p.statement_id }
}

output "invocable_arns" {
  description = "The qualified ARNs Kong may invoke: the same list the Kong role's policy and the lambda endpoint policy must hold."
  value       = sort([for p in values(local.qualified_arns) : "${p.arn}:${p.qualifier}"])
}
