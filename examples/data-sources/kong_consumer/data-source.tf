# By username.
data "kong_consumer" "angular_ui" {
  username = "angular-ui"
}

# By custom_id, the id the consumer has in another system.
data "kong_consumer" "configurator" {
  custom_id = "configurator-frontend"
}

# The id is what credentials and ACL groups of another configuration attach to (their consumer_id).
output "angular_ui_consumer_id" {
  value = data.kong_consumer.angular_ui.id
}
