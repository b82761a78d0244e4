# A wildcard certificate, whose server names are managed one per tenant. The certificate leaves `snis`
# unset, so its updates keep these.
resource "kong_certificate" "tenants" {
  cert           = file("${path.module}/tls/tenants.example.com.crt")
  key_wo         = ephemeral.aws_secretsmanager_secret_version.tenants_tls_key.secret_string
  key_wo_version = 1
}

resource "kong_sni" "tenant" {
  for_each       = toset(["acme", "globex"])
  name           = "${each.key}.tenants.example.com"
  certificate_id = kong_certificate.tenants.id
}

# An https route that only matches requests for one tenant's name.
resource "kong_route" "acme" {
  name       = "acme"
  service_id = kong_service.tenants.id
  protocols  = ["https"]
  snis       = [kong_sni.tenant["acme"].name]
}
