output "migration_weights" {
  description = "The weights each migrated rule forwards with."
  value       = module.alb_listener_rules.migration_weights
}
