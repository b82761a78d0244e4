output "scp_json" {
  description = "The SCP to attach in the management account."
  value       = module.lambda_invoke_guard.scp_json
}
