# Terraform 1.5+: adopt an existing service during plan and apply. The id may be the service's UUID or its name.
import {
  to = kong_service.api1
  id = "api1-lambda"
}
