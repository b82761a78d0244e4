# The Angular UI may call API 1 and API 2: each API's acl plugin allows its own group.
resource "kong_consumer_acl" "angular_ui_api1" {
  consumer_id = kong_consumer.angular_ui.id
  group       = "api1"
}

resource "kong_consumer_acl" "angular_ui_api2" {
  consumer_id = kong_consumer.angular_ui.id
  group       = "api2"
}
