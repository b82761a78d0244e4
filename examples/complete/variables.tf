variable "region" {
  description = "AWS Region of the VPC, the ALB, the Kong instance and the Lambda functions."
  type        = string
  default     = "eu-west-1"
}

variable "vpc_id" {
  description = "VPC of the internal ALB, the Kong EC2 instance and the Lambda functions."
  type        = string
}

variable "endpoint_subnet_ids" {
  description = "Private subnets (one per Availability Zone) for the interface VPC endpoints."
  type        = list(string)
}

variable "alb_listener_arn" {
  description = "HTTPS listener of the existing internal ALB."
  type        = string
}

variable "alb_host" {
  description = "Host name clients use for the internal ALB, such as \"apps.example.internal\". Kong Manager's URLs and the NGINX server are built from it."
  type        = string
}

variable "alb_subnet_cidrs" {
  description = "CIDRs of the ALB's subnets: the only proxies whose X-Forwarded-For NGINX and Kong trust for the client address."
  type        = list(string)
}

variable "vpc_cidr_blocks" {
  description = "CIDRs of the VPC: the callers shared (private DNS) Session Manager endpoints admit, when create_session_manager_endpoints is true."
  type        = list(string)
  default     = []
}

variable "create_session_manager_endpoints" {
  description = "Create ssm and ssmmessages endpoints (shared: private DNS, the whole VPC admitted). Leave false where the VPC has them already: a second private-DNS endpoint for a service cannot be created."
  type        = bool
  default     = false
}

variable "alb_arn" {
  description = "ARN of the existing internal ALB: it gets a second HTTPS listener for automation (Atlantis) to reach the Admin API."
  type        = string
}

variable "alb_security_group_id" {
  description = "Security group of the internal ALB: the admin listener's port is opened on it to the CI security groups only. It must not admit that port from anywhere else."
  type        = string
}

variable "admin_listener" {
  description = "The ALB's separate HTTPS listener for automation: its port, its certificate, and the security groups of Atlantis or CI, the only sources it admits."
  type = object({
    port                  = optional(number, 9443)
    certificate_arn       = string
    ci_security_group_ids = list(string)
  })

  validation {
    condition     = var.admin_listener.port != 443 && var.admin_listener.port != 80 && length(var.admin_listener.ci_security_group_ids) > 0
    error_message = "var.admin_listener needs its own port (not the UI's 443 or 80) and at least one CI security group."
  }
}

variable "admin_token_secret_arns" {
  description = "Secrets Manager secrets holding the Admin API tokens NGINX accepts on the automation listener: \"write\" (applies) and optionally \"read\" (plans). Read by the instance at boot; never by Terraform."
  type        = map(string)

  validation {
    condition     = contains(keys(var.admin_token_secret_arns), "write") && length(setsubtract(keys(var.admin_token_secret_arns), ["write", "read"])) == 0
    error_message = "var.admin_token_secret_arns must have a \"write\" secret and may have a \"read\" one."
  }
}

variable "kong_manager" {
  description = "Kong Manager, or null (the default) to keep it off and use the Admin API through Session Manager. When set: its own host name, behind the ALB's authenticate-oidc action with the organisation's IdP (the ALB needs a route to it)."
  type = object({
    host = string
    oidc = object({
      issuer                 = string
      authorization_endpoint = string
      token_endpoint         = string
      user_info_endpoint     = string
      client_id              = string
    })
  })
  default = null
}

variable "kong_manager_oidc_client_secret" {
  description = "Client secret of Kong Manager's OIDC client at the IdP (the ALB's authenticate-oidc action stores it). Required with var.kong_manager; supply it from a secret store (TF_VAR_kong_manager_oidc_client_secret)."
  type        = string
  default     = null
  sensitive   = true
}

variable "existing_lambda_rule_priorities" {
  description = "Priorities of the rules already on the listener that forward /dev/api1 and /dev/api2 to the direct Lambda target groups. The retiring 403 rules must outrank them, or the old rules still win; the plan fails otherwise."
  type        = list(number)
  default     = []

  # The same check modules/alb-listener-rules makes with must_precede, on the root variable so that it names it:
  # the retiring rules use priorities 40 and 50 (main.tf).
  validation {
    condition     = alltrue([for p in var.existing_lambda_rule_priorities : p > 50])
    error_message = "var.existing_lambda_rule_priorities: the retiring 403 rules (priorities 40 and 50) must outrank every existing Lambda rule; renumber the existing rules above 50, or import them and change their actions."
  }
}

variable "deploy_role_arns" {
  description = "Roles that deploy the Lambda functions: with Kong's role, the only principals the SCP lets invoke them."
  type        = list(string)
}

variable "browser_identity" {
  description = "The organisation's OpenID Connect provider for the Angular UI (authorization code + PKCE): its issuer (the jwt credential's key), the UI's public client id and scopes, and the provider's JWKS document (from its jwks_uri) whose RSA keys Kong verifies access tokens with."
  type = object({
    issuer      = string
    client_id   = string
    scope       = optional(string, "openid profile")
    jwks_json   = string
    signing_kid = optional(string)
  })

  validation {
    condition     = startswith(var.browser_identity.issuer, "https://")
    error_message = "var.browser_identity.issuer must be an https:// URL."
  }
}

variable "kong_instance_private_ip" {
  description = "Private IP address of the Kong EC2 instance (NGINX :80 in front of Kong and the Angular app)."
  type        = string
}

variable "kong_ami_id" {
  description = "AMI of the Kong instance: an image with NGINX and Kong Gateway 3.9 (on the host or in Docker) installed."
  type        = string

  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.kong_ami_id))
    error_message = "var.kong_ami_id must be an AMI id (ami-...)."
  }
}

variable "kong_instance_type" {
  description = "EC2 instance type of the Kong instance."
  type        = string
  default     = "t3.medium"
}

variable "kong_security_group_id" {
  description = "Security group of the Kong EC2 instance: the only source the VPC endpoints admit."
  type        = string
}

variable "lambda_functions" {
  description = "The Flask Lambda functions behind Kong, by API name (api1 and api2): unqualified ARN and the alias Kong invokes."
  type = map(object({
    arn       = string
    qualifier = optional(string, "live")
  }))

  validation {
    condition     = toset(keys(var.lambda_functions)) == toset(["api1", "api2"])
    error_message = "var.lambda_functions must describe exactly the functions behind api1 and api2."
  }
}

variable "ui_origin" {
  description = "Origin of the Angular configurator when it calls the APIs cross-origin, for example its development server. Served from the ALB host itself it is same-origin and needs no CORS."
  type        = string
}

variable "api2_request_validation" {
  description = "Where api2's operations are validated against its OpenAPI documents: \"openapi_request_validator\" on Kong OSS (the Go plugin installed at first boot from var.openapi_request_validator_plugin), \"request_validator\" on Kong Enterprise, or \"backend\" on Kong OSS without the plugin (the Flask app validates query parameters and bodies itself)."
  type        = string
  default     = "openapi_request_validator"

  validation {
    condition     = contains(["openapi_request_validator", "request_validator", "backend"], var.api2_request_validation)
    error_message = "var.api2_request_validation must be \"openapi_request_validator\" (Kong OSS with the plugin), \"request_validator\" (Kong Enterprise) or \"backend\" (Kong OSS, the Flask app validates)."
  }

  validation {
    condition     = var.api2_request_validation != "openapi_request_validator" || var.openapi_request_validator_plugin != null
    error_message = "var.api2_request_validation = \"openapi_request_validator\" needs var.openapi_request_validator_plugin, so the instance installs the plugin at first boot."
  }
}

variable "openapi_request_validator_plugin" {
  description = <<-EOT
    The openapi-request-validator Kong plugin (plugins/openapi-request-validator, released with the provider), which
    validates api2's requests against its OpenAPI documents on Kong OSS. The instance installs it at first boot from
    a versioned S3 object and registers it in kong.conf. Copy the release archive for the instance's architecture
    into your bucket under its release name, openapi-request-validator_<version>_linux_<amd64|arm64>.tar.gz; give its
    S3 version id (so that an overwritten object cannot change what a new instance runs) and its SHA-256 from the
    release's SHA256SUMS file. The instance reaches S3 through the VPC's S3 gateway endpoint. Null installs nothing.
  EOT
  type = object({
    bucket     = string
    key        = string
    version_id = string
    sha256     = string
  })
  default = null

  validation {
    condition     = var.openapi_request_validator_plugin == null || can(regex("^(.+/)?openapi-request-validator_[0-9]+\\.[0-9]+\\.[0-9]+[0-9A-Za-z.-]*_linux_(amd64|arm64)\\.tar\\.gz$", var.openapi_request_validator_plugin.key))
    error_message = "var.openapi_request_validator_plugin.key must end in the release archive's name, openapi-request-validator_<version>_linux_<amd64|arm64>.tar.gz."
  }

  validation {
    condition     = var.openapi_request_validator_plugin == null || can(regex("^[0-9a-f]{64}$", var.openapi_request_validator_plugin.sha256))
    error_message = "var.openapi_request_validator_plugin.sha256 must be the archive's SHA-256 in lower-case hex, from the release's SHA256SUMS."
  }

  validation {
    condition     = var.openapi_request_validator_plugin == null || can(regex("^[0-9a-z][0-9a-z.-]{1,61}[0-9a-z]$", var.openapi_request_validator_plugin.bucket)) && length(try(var.openapi_request_validator_plugin.version_id, "")) > 0
    error_message = "var.openapi_request_validator_plugin needs an S3 bucket name and the object's version id (the bucket must be versioned)."
  }
}

variable "consumers" {
  description = "API consumers: the ACL groups (APIs) each may call, and the version of its API key in var.consumer_api_keys (raise it when the key changes)."
  type = map(object({
    apis        = set(string)
    key_version = optional(number, 1)
  }))

  validation {
    condition     = alltrue([for c in values(var.consumers) : length(c.apis) > 0 && length(setsubtract(c.apis, ["api1", "api2"])) == 0])
    error_message = "Every consumer in var.consumers must be allowed one or more of the APIs api1 and api2."
  }
}

variable "consumer_api_keys" {
  description = "API key of every consumer in var.consumers. Ephemeral and write-only: Terraform passes it to Kong and never keeps it in a plan or the state. Supply it on every run from a secret store, for example TF_VAR_consumer_api_keys read from Secrets Manager in the Atlantis workflow; raise the consumer's key_version to rotate to a new value."
  type        = map(string)
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = length(setsubtract(keys(var.consumers), keys(var.consumer_api_keys))) == 0
    error_message = "var.consumer_api_keys must hold a key for every consumer in var.consumers."
  }

  validation {
    condition     = alltrue([for key in values(var.consumer_api_keys) : length(key) >= 32])
    error_message = "Every API key in var.consumer_api_keys must be at least 32 characters long."
  }
}

variable "aws_tags" {
  description = "Tags for every AWS resource."
  type        = map(string)
  default     = { Project = "kong-gateway" }
}
