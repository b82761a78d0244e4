output "rule_arns" {
  description = "Listener rule ARNs by rule key."
  value       = { for key, rule in aws_lb_listener_rule.this : key => rule.arn }
}

output "rule_priorities" {
  description = "Listener rule priorities by rule key."
  value       = { for key, rule in aws_lb_listener_rule.this : key => rule.priority }
}
