# Terraform 1.5+: adopt an existing route during plan and apply. The id may be the route's UUID or its name.
import {
  to = kong_route.api1_proxy
  id = "api1-proxy"
}
