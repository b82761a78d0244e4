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
  description = "Private IP address of the Kong EC2 instance (NGINX :80 in front of Kong and the Angular app), in the single-instance layout. Null with var.high_availability: the Auto Scaling group registers its instances."
  type        = string
  default     = null

  validation {
    condition     = (var.kong_instance_private_ip == null) == (var.high_availability != null)
    error_message = "var.kong_instance_private_ip is required in the single-instance layout and must be null with var.high_availability (the Auto Scaling group registers its instances)."
  }
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
  description = "The Flask Lambda functions behind Kong, by API name (api1 and api2): unqualified ARN, the alias Kong invokes, and, when the function has one, its reserved concurrency with its typical duration: Kong then limits the whole API to 90 % of the requests per second that concurrency serves (concurrency / duration), answering 429 before Lambda throttles."
  type = map(object({
    arn                  = string
    qualifier            = optional(string, "live")
    reserved_concurrency = optional(number)
    typical_duration_ms  = optional(number, 1000)
  }))

  validation {
    condition     = toset(keys(var.lambda_functions)) == toset(["api1", "api2"])
    error_message = "var.lambda_functions must describe exactly the functions behind api1 and api2."
  }

  validation {
    condition     = alltrue([for fn in values(var.lambda_functions) : (fn.reserved_concurrency == null ? true : fn.reserved_concurrency >= 1) && fn.typical_duration_ms >= 1])
    error_message = "var.lambda_functions[*].reserved_concurrency must be 1 or more when set, and typical_duration_ms 1 or more."
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

variable "cutover" {
  description = <<-EOT
    The migration from the ALB's direct Lambda routes to Kong (docs/guides/migration.md), by API. For each API listed,
    the existing listener rule that forwards /dev/<api> to the function's Lambda target group is imported
    (existing_rule_arn) and becomes a weighted forward: kong_percent of its requests go to NGINX, which passes the
    legacy path to Kong unchanged, the rest to the Lambda target group. Walk kong_percent 0 -> 10 -> 50 -> 100; roll back
    by setting it lower. Keep existing_rule_priority and path_patterns exactly as the existing rule has them. Remove an
    API from this map once no client uses /dev/<api> any more: the rule then answers 403 (retired_<api>) and the Lambda
    target group can go. Empty (the default): both APIs are retired, every client uses /api/dev/<api>.
  EOT
  type = map(object({
    kong_percent            = number
    existing_rule_arn       = string
    existing_rule_priority  = number
    lambda_target_group_arn = string
    path_patterns           = optional(list(string))
    host_headers            = optional(list(string), [])
  }))
  default = {}

  validation {
    condition     = length(setsubtract(keys(var.cutover), ["api1", "api2"])) == 0
    error_message = "var.cutover may only list the APIs api1 and api2."
  }

  validation {
    condition     = alltrue([for c in values(var.cutover) : c.kong_percent >= 0 && c.kong_percent <= 100 && floor(c.kong_percent) == c.kong_percent])
    error_message = "var.cutover[*].kong_percent must be a whole number from 0 to 100: the runbook's steps are 0, 10, 50 and 100."
  }

  validation {
    condition     = alltrue([for c in values(var.cutover) : c.existing_rule_priority > 50 && floor(c.existing_rule_priority) == c.existing_rule_priority])
    error_message = "var.cutover[*].existing_rule_priority must be the existing rule's priority, above the retiring rules' 40 and 50."
  }

  validation {
    condition     = alltrue([for c in values(var.cutover) : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener-rule/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+/[0-9a-f]+$", c.existing_rule_arn))])
    error_message = "var.cutover[*].existing_rule_arn must be the ARN of the existing listener rule (arn:...:listener-rule/app/<lb>/<id>/<listener id>/<rule id>), which is imported."
  }
}

variable "alarm_actions" {
  description = "What the CloudWatch alarms notify (SNS topic ARNs) when they go to ALARM and back to OK. Empty: the alarms are visible in the console only."
  type        = list(string)
  default     = []
}

variable "alarm_thresholds" {
  description = "When the alarms fire: the share of Kong's answers that are 5xx (percent, over 5 minutes, from 20 requests), the 99th percentile of the time NGINX and Kong take to answer (seconds), and Lambda errors per function in 5 minutes. Any Lambda throttle alarms."
  type = object({
    kong_5xx_percent      = optional(number, 5)
    kong_p99_seconds      = optional(number, 5)
    lambda_errors_per_5m  = optional(number, 5)
    log_retention_in_days = optional(number, 30)
  })
  default = {}
}

variable "tracing" {
  description = "OpenTelemetry tracing, or null (the default) for none: Kong's opentelemetry plugin sends spans to this OTLP/HTTP traces endpoint, for example an OpenTelemetry Collector (ADOT) on each instance, http://127.0.0.1:4318/v1/traces, exporting to X-Ray. sampling_rate is the share of requests traced (0-1)."
  type = object({
    endpoint      = string
    sampling_rate = optional(number, 0.05)
  })
  default = null

  validation {
    condition     = var.tracing == null || try(can(regex("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/", var.tracing.endpoint)) && var.tracing.sampling_rate >= 0 && var.tracing.sampling_rate <= 1, false)
    error_message = "var.tracing needs an http(s):// OTLP traces endpoint URL with a path, and a sampling_rate from 0 to 1."
  }
}

variable "high_availability" {
  description = <<-EOT
    null (the default, the small layout): one Kong instance registered by IP (var.kong_instance_private_ip), its
    PostgreSQL on the instance, rate-limiting counters per node. Set, the high-availability layout
    (docs/guides/production.md): an Auto Scaling group of at least two instances from the launch template across
    instance_subnet_ids (two or more Availability Zones), registered by instance; Kong's PostgreSQL on RDS (Multi-AZ,
    encrypted, master password managed by RDS in Secrets Manager, backups kept backup_retention_days); rate-limiting
    counters in ElastiCache (Redis, TLS and AUTH, Multi-AZ) so every node enforces one limit. data_subnet_ids hold RDS
    and ElastiCache (two or more Availability Zones).
  EOT
  type = object({
    instance_subnet_ids   = list(string)
    data_subnet_ids       = list(string)
    min_size              = optional(number, 2)
    max_size              = optional(number, 4)
    db_instance_class     = optional(string, "db.t4g.medium")
    db_allocated_storage  = optional(number, 20)
    db_engine_version     = optional(string, "16")
    backup_retention_days = optional(number, 14)
    redis_node_type       = optional(string, "cache.t4g.small")
  })
  default = null

  validation {
    condition = var.high_availability == null || try(
      length(distinct(var.high_availability.instance_subnet_ids)) >= 2 && length(distinct(var.high_availability.data_subnet_ids)) >= 2 &&
      alltrue([for id in concat(var.high_availability.instance_subnet_ids, var.high_availability.data_subnet_ids) : can(regex("^subnet-[0-9a-f]+$", id))]),
    false)
    error_message = "var.high_availability needs two or more distinct subnets (subnet-...) in different Availability Zones for the instances and for the data stores."
  }

  validation {
    condition = var.high_availability == null || try(
      var.high_availability.min_size >= 2 && var.high_availability.max_size >= var.high_availability.min_size &&
      var.high_availability.backup_retention_days >= 1 && var.high_availability.backup_retention_days <= 35,
    false)
    error_message = "var.high_availability needs min_size of 2 or more, max_size at least min_size, and backup_retention_days from 1 to 35."
  }
}

variable "redis_password" {
  description = "Password of Kong's ElastiCache user (16-128 characters) in the high-availability layout. Ephemeral and write-only: Terraform passes it to ElastiCache and Kong and keeps it in no plan or state. Supply it from a secret store (TF_VAR_redis_password); raise redis_password_version to rotate."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = var.redis_password == null || try(length(var.redis_password) >= 16 && length(var.redis_password) <= 128, false)
    error_message = "var.redis_password must be 16 to 128 characters (an ElastiCache user password)."
  }
}

variable "redis_password_version" {
  description = "Raise it whenever var.redis_password changes, so ElastiCache and Kong get the new password."
  type        = number
  default     = 1
}
