output "nginx_target_group_arn" {
  description = "Forward Kong, Kong Manager and configurator rules here."
  value       = module.target_groups.nginx_target_group_arn
}

output "lambda_target_group_arns" {
  description = "Direct Lambda target groups, for weighted forwards during the move."
  value       = module.target_groups.lambda_target_group_arns
}
