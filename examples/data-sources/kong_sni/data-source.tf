# Which certificate does Kong serve for api.example.com?
data "kong_sni" "api" {
  name = "api.example.com"
}

output "api_certificate_id" {
  value = data.kong_sni.api.certificate_id
}
