# The Angular UI as a client of the gateway: its API key (kong_consumer_key_auth) and ACL groups
# (kong_consumer_acl) belong to this consumer.
resource "kong_consumer" "angular_ui" {
  username  = "angular-ui"
  custom_id = "configurator-frontend"
  tags      = ["consumer:angular-ui"]
}
