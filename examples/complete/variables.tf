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

variable "admin_cidrs" {
  description = "Networks allowed to reach Kong Manager and its Admin API under /kong and /kong-api (Kong Manager OSS has no login)."
  type        = list(string)
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
  description = "How api2's fine-grained operations validate headers, query parameters and bodies: \"backend\" on Kong OSS (the Flask app, from the published contract) or \"request_validator\" on Kong Enterprise."
  type        = string
  default     = "backend"

  validation {
    condition     = contains(["backend", "request_validator"], var.api2_request_validation)
    error_message = "var.api2_request_validation must be \"backend\" (Kong OSS) or \"request_validator\" (Kong Enterprise)."
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
