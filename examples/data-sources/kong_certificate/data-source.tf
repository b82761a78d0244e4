# The certificate another configuration manages for api.example.com: present it to upstreams (mutual TLS).
data "kong_certificate" "api" {
  sni = "api.example.com"
}

resource "kong_service" "partner" {
  name                  = "partner"
  protocol              = "https"
  host                  = "partner.example.net"
  port                  = 443
  client_certificate_id = data.kong_certificate.api.id
}
