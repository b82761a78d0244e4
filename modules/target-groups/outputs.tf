output "nginx_target_group_arn" {
  description = "ARN of the NGINX IP target group, for listener rules that forward to Kong, Kong Manager or the configurator."
  value       = aws_lb_target_group.nginx.arn
}

output "nginx_target_group_name" {
  description = "Name of the NGINX IP target group."
  value       = aws_lb_target_group.nginx.name
}

output "lambda_target_group_arns" {
  description = "ARNs of the kept Lambda target groups by key, for weighted forwards during the move to Kong."
  value       = { for key, tg in aws_lb_target_group.lambda : key => tg.arn }
}

output "nginx_target_group_arn_suffix" {
  description = "The NGINX target group's ARN suffix (targetgroup/<name>/<id>): the TargetGroup dimension of its CloudWatch metrics (AWS/ApplicationELB)."
  value       = aws_lb_target_group.nginx.arn_suffix
}
