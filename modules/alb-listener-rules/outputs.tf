output "rule_arns" {
  description = "Listener rule ARNs by rule key."
  value       = { for key, rule in aws_lb_listener_rule.this : key => rule.arn }
}

output "rule_priorities" {
  description = "Listener rule priorities by rule key."
  value       = { for key, rule in aws_lb_listener_rule.this : key => rule.priority }
}

output "precedence" {
  description = "For each rule with must_precede: its priority and the existing priorities it wins against (all higher)."
  value       = { for key, rule in var.rules : key => { priority = rule.priority, wins_against = rule.must_precede } if length(rule.must_precede) > 0 }
}
