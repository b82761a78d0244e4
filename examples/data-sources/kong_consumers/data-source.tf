# Every consumer this stack owns (the provider's default_tags).
data "kong_consumers" "owned" {
  managed = true
}

# The frontends among them: both the frontend tag and the default_tags must be present.
data "kong_consumers" "owned_frontends" {
  tags    = ["role:frontend"]
  managed = true
}

output "owned_consumer_usernames" {
  value = data.kong_consumers.owned.usernames
}

# Consumers known only by custom_id have no username; entities lists them too.
output "owned_frontend_custom_ids" {
  value = [for c in data.kong_consumers.owned_frontends.entities : c.custom_id if c.custom_id != null]
}
