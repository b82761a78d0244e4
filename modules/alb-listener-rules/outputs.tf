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

output "rules" {
  description = "What each rule matches and does, as planned: path patterns, host headers, source IPs, and the terminal action type (forward, fixed-response or redirect), with authenticate-oidc in front when set; the migrations included. For callers' tests, such as \"no admin path is forwarded\"."
  value = {
    for key, rule in local.all_rules : key => {
      priority       = rule.priority
      path_patterns  = rule.path_patterns
      host_headers   = rule.host_headers
      source_ips     = rule.source_ips
      action         = rule.forward != null ? "forward" : rule.fixed_response != null ? "fixed-response" : "redirect"
      authenticated  = rule.authenticate_oidc != null
      target_groups  = rule.forward == null ? [] : [for tg in rule.forward.target_groups : tg.arn]
      fixed_response = rule.fixed_response == null ? null : rule.fixed_response.status_code
    }
  }
}

output "migration_weights" {
  description = "For each migration: the weights the rule forwards with (kong, lambda; they add up to 100) and the rule's priority, as planned. What each step of the migration runbook checks."
  value = {
    for key, m in var.migrations : key => { kong = m.kong_percent, lambda = 100 - m.kong_percent, priority = m.priority }
  }
}

output "migration_rules" {
  description = "Each migration's rule as planned: its ARN (known at plan when the rule is imported), priority, path patterns and the weight of each target group ARN. For the runbook's checks and callers' tests."
  value = {
    for key in keys(var.migrations) : key => {
      arn           = aws_lb_listener_rule.this[key].arn
      priority      = aws_lb_listener_rule.this[key].priority
      path_patterns = flatten([for c in aws_lb_listener_rule.this[key].condition : [for p in c.path_pattern : p.values]])
      weights       = { for tg in one(aws_lb_listener_rule.this[key].action).forward[0].target_group : tg.arn => tg.weight }
    }
  }
}
