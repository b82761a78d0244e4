# By id
terraform import 'kong_sni.tenant["acme"]' 9c1e3a5b-7d2f-4b6a-8c0e-2f4a6c8e0b1d

# By name
terraform import 'kong_sni.tenant["acme"]' acme.tenants.example.com
