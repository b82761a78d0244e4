# By id
terraform import kong_plugin.api1_rate_limit 3a5c8e1f-6b2d-4f7a-9c0e-1d2b3c4d5e6f

# By instance name, for plugins that have one
terraform import kong_plugin.correlation_id global-correlation-id
