# Every service of the payments team, whichever configuration manages it.
data "kong_services" "payments" {
  tags = ["team:payments"]
}

# Every service this provider configuration owns: the provider's default_tags (for example
# ["stack:lambda-apis"]) are the filter.
data "kong_services" "owned" {
  managed = true
}

# Give another team's configuration the ids its plugins attach to (their service_id).
output "payments_service_ids" {
  value = data.kong_services.payments.ids
}

output "owned_service_names" {
  value = data.kong_services.owned.names
}
