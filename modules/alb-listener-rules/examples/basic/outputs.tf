output "rule_arns" {
  description = "Listener rule ARNs by rule key."
  value       = module.alb_listener_rules.rule_arns
}
