variable "listener_arn" {
  description = "ARN of the existing internal ALB listener the rules are added to."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+$", var.listener_arn))
    error_message = "var.listener_arn must be an Application Load Balancer listener ARN (arn:<partition>:elasticloadbalancing:<region>:<account>:listener/app/<lb>/<id>/<id>)."
  }
}

variable "rules" {
  description = <<-EOT
    Listener rules keyed by a short name. Conditions (all must match): `path_patterns`, `host_headers`,
    `http_headers` (header name => values) and `source_ips` (CIDRs); at least one, and at most 5 values in total per
    rule (an ALB hard limit). Exactly one terminal action: `forward` (weighted between up to 5 target groups, for a
    gradual move from the direct Lambda target groups to Kong), `fixed_response` (for example a 403 for a retired
    route) or `redirect`. `authenticate_oidc` adds ALB OIDC authentication before the action (HTTPS listeners only).
    A forward rule whose path patterns reach Kong Manager (/kong, /kong/..., /kong-api/..., or a catch-all such as
    /*) is refused unless it has authenticate_oidc (not on_unauthenticated_request = "allow") or source_ips:
    Kong Manager OSS has no login of its own.
    `must_precede` lists the priorities of rules already on the listener (not managed here) that this rule must win
    against, such as the existing forward rules to the direct Lambda target groups a retiring fixed-response rule
    shadows: the ALB evaluates the lowest priority first, so the plan fails unless `priority` is lower than each.
  EOT
  type = map(object({
    priority      = number
    must_precede  = optional(list(number), [])
    path_patterns = optional(list(string), [])
    host_headers  = optional(list(string), [])
    http_headers  = optional(map(list(string)), {})
    source_ips    = optional(list(string), [])

    authenticate_oidc = optional(object({
      issuer                              = string
      authorization_endpoint              = string
      token_endpoint                      = string
      user_info_endpoint                  = string
      client_id                           = string
      client_secret                       = string
      scope                               = optional(string, "openid")
      session_cookie_name                 = optional(string, "AWSELBAuthSessionCookie")
      session_timeout                     = optional(number, 3600)
      on_unauthenticated_request          = optional(string, "authenticate")
      authentication_request_extra_params = optional(map(string), {})
    }))

    forward = optional(object({
      target_groups = list(object({
        arn    = string
        weight = optional(number, 1)
      }))
      stickiness_duration = optional(number)
    }))

    fixed_response = optional(object({
      status_code  = string
      content_type = optional(string, "text/plain")
      message_body = optional(string)
    }))

    redirect = optional(object({
      status_code = optional(string, "HTTP_301")
      protocol    = optional(string, "#{protocol}")
      host        = optional(string, "#{host}")
      port        = optional(string, "#{port}")
      path        = optional(string, "/#{path}")
      query       = optional(string, "#{query}")
    }))
  }))
  default = {}

  validation {
    condition     = length(distinct([for rule in values(var.rules) : rule.priority])) == length(var.rules)
    error_message = "var.rules priorities must be unique: a listener cannot have two rules with the same priority."
  }

  validation {
    condition     = alltrue([for rule in values(var.rules) : rule.priority >= 1 && rule.priority <= 50000 && floor(rule.priority) == rule.priority])
    error_message = "var.rules[*].priority must be an integer from 1 to 50000."
  }

  validation {
    condition     = alltrue(flatten([for rule in values(var.rules) : [for p in rule.must_precede : rule.priority < p]]))
    error_message = "var.rules: a rule's priority must be lower than every priority in its must_precede, or the existing rule it should shadow is evaluated first and wins."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) :
      length(concat(rule.path_patterns, rule.host_headers, flatten(values(rule.http_headers)), rule.source_ips)) > 0
    ])
    error_message = "var.rules: every rule needs at least one condition (path_patterns, host_headers, http_headers or source_ips)."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) :
      length(concat(rule.path_patterns, rule.host_headers, flatten(values(rule.http_headers)), rule.source_ips)) <= 5
    ])
    error_message = "var.rules: a rule may have at most 5 condition values in total (path_patterns + host_headers + http_headers values + source_ips), an ALB hard limit; split it into several rules."
  }

  validation {
    condition = alltrue(flatten([
      for rule in values(var.rules) : [
        for pattern in rule.path_patterns : can(regex("^/[A-Za-z0-9_.$/~\"'@:+&*?-]*$", pattern)) && length(pattern) <= 128
      ]
    ]))
    error_message = "var.rules[*].path_patterns must start with \"/\", be at most 128 characters, and use only letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?."
  }

  validation {
    condition = alltrue(flatten([
      for rule in values(var.rules) : [
        for host in rule.host_headers : can(regex("^[A-Za-z0-9*?.-]+(:[0-9]+)?$", host)) && length(host) <= 128
      ]
    ]))
    error_message = "var.rules[*].host_headers must be host names of at most 128 characters (letters, digits, \"-\", \".\", wildcards * and ?)."
  }

  validation {
    condition = alltrue(flatten([
      for rule in values(var.rules) : [
        for name, values in rule.http_headers :
        can(regex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$", name)) && length(values) > 0 && alltrue([for v in values : length(v) >= 1 && length(v) <= 128])
      ]
    ]))
    error_message = "var.rules[*].http_headers must map header names (at most 40 token characters) to 1 or more values of 1-128 characters."
  }

  validation {
    condition     = alltrue(flatten([for rule in values(var.rules) : [for cidr in rule.source_ips : can(cidrhost(cidr, 0))]]))
    error_message = "var.rules[*].source_ips must be CIDR blocks such as 10.20.0.0/16 or 2001:db8::/32."
  }

  validation {
    condition     = alltrue([for rule in values(var.rules) : length([for action in [rule.forward, rule.fixed_response, rule.redirect] : action if action != null]) == 1])
    error_message = "var.rules: every rule needs exactly one of forward, fixed_response or redirect."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) : rule.forward == null ? true : (
        length(rule.forward.target_groups) >= 1 && length(rule.forward.target_groups) <= 5 &&
        length(distinct([for tg in rule.forward.target_groups : tg.arn])) == length(rule.forward.target_groups) &&
        alltrue([for tg in rule.forward.target_groups : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]+/[0-9a-f]+$", tg.arn)) && tg.weight >= 0 && tg.weight <= 999]) &&
        anytrue([for tg in rule.forward.target_groups : tg.weight > 0]) &&
        (rule.forward.stickiness_duration == null ? true : rule.forward.stickiness_duration >= 1 && rule.forward.stickiness_duration <= 604800)
      )
    ])
    error_message = "var.rules[*].forward needs 1-5 distinct target group ARNs with weights 0-999 (at least one above 0), and stickiness_duration 1-604800 s if set."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) : rule.fixed_response == null ? true : (
        can(regex("^[245][0-9]{2}$", rule.fixed_response.status_code)) &&
        contains(["text/plain", "text/css", "text/html", "application/javascript", "application/json"], rule.fixed_response.content_type) &&
        (rule.fixed_response.message_body == null ? 0 : length(rule.fixed_response.message_body)) <= 1024
      )
    ])
    error_message = "var.rules[*].fixed_response needs a 2XX, 4XX or 5XX status_code, a content_type of text/plain, text/css, text/html, application/javascript or application/json, and a message_body of at most 1024 characters."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) : rule.redirect == null ? true : (
        contains(["HTTP_301", "HTTP_302"], rule.redirect.status_code) &&
        contains(["HTTP", "HTTPS", "#{protocol}"], rule.redirect.protocol)
      )
    ])
    error_message = "var.rules[*].redirect needs status_code HTTP_301 or HTTP_302 and protocol HTTP, HTTPS or #{protocol}."
  }

  validation {
    condition = alltrue([
      for rule in values(var.rules) : rule.authenticate_oidc == null ? true : (
        alltrue([for url in [rule.authenticate_oidc.issuer, rule.authenticate_oidc.authorization_endpoint, rule.authenticate_oidc.token_endpoint, rule.authenticate_oidc.user_info_endpoint] : startswith(url, "https://")]) &&
        contains(["deny", "allow", "authenticate"], rule.authenticate_oidc.on_unauthenticated_request) &&
        rule.authenticate_oidc.session_timeout >= 1 && rule.authenticate_oidc.session_timeout <= 604800
      )
    ])
    error_message = "var.rules[*].authenticate_oidc needs https:// issuer and endpoints, on_unauthenticated_request of deny, allow or authenticate, and session_timeout 1-604800 s."
  }

  # A path pattern reaches Kong Manager when the ALB glob (* = any run of
  # characters, ? = one character) matches a Kong Manager path. The glob is
  # turned into a regex by escaping the regex metacharacters the path syntax
  # allows (. $ +) and rewriting the wildcards.
  validation {
    condition = alltrue([
      for rule in values(var.rules) : rule.forward == null ? true : (
        (rule.authenticate_oidc == null ? false : rule.authenticate_oidc.on_unauthenticated_request != "allow") ||
        length(rule.source_ips) > 0 ||
        !anytrue(flatten([
          for pattern in rule.path_patterns : [
            for kong_manager_path in ["/kong", "/kong/", "/kong-api/"] :
            can(regex("^${replace(replace(replace(pattern, "/[.$+]/", "\\$0"), "*", ".*"), "?", ".")}$", kong_manager_path))
          ]
        ]))
      )
    ])
    error_message = "var.rules: a forward rule whose path_patterns reach Kong Manager (/kong, /kong/*, /kong-api/*, or a catch-all such as /*) needs authenticate_oidc (with on_unauthenticated_request other than \"allow\") or allow-listed source_ips: Kong Manager OSS has no login and controls the whole gateway."
  }
}

variable "tags" {
  description = "Tags for the listener rules."
  type        = map(string)
  default     = {}
}

variable "migrations" {
  description = <<-EOT
    APIs moving from their direct ALB-to-Lambda target group to Kong, keyed by a short name. Each is one weighted
    forward rule: `kong_percent` (0-100) of the matching requests go to `kong_target_group_arn` (NGINX in front of
    Kong), the rest to `lambda_target_group_arn`. Walk it 0 -> 10 -> 50 -> 100; a rollback is setting it back. Usually
    the rule already exists on the listener (it forwards to the Lambda target group today): keep its `priority` and
    path patterns, and adopt it with an `import` block (see examples/migration) so the first plan changes its action
    instead of creating a second rule. At 100 the Lambda target group stays with weight 0, ready for a rollback;
    retire the route (a fixed 403 in `rules`) only once no client uses the old path.
  EOT
  type = map(object({
    priority                = number
    path_patterns           = list(string)
    host_headers            = optional(list(string), [])
    lambda_target_group_arn = string
    kong_target_group_arn   = string
    kong_percent            = number
    stickiness_duration     = optional(number)
  }))
  default = {}

  validation {
    condition     = alltrue([for m in values(var.migrations) : m.kong_percent >= 0 && m.kong_percent <= 100 && floor(m.kong_percent) == m.kong_percent])
    error_message = "var.migrations[*].kong_percent must be a whole number from 0 to 100 (the share of requests sent to Kong)."
  }

  validation {
    condition     = alltrue([for m in values(var.migrations) : m.priority >= 1 && m.priority <= 50000 && floor(m.priority) == m.priority])
    error_message = "var.migrations[*].priority must be an integer from 1 to 50000 (keep the existing rule's priority)."
  }

  validation {
    condition = alltrue([
      for m in values(var.migrations) :
      length(m.path_patterns) > 0 && length(m.path_patterns) + length(m.host_headers) <= 5 &&
      alltrue([for p in m.path_patterns : can(regex("^/[A-Za-z0-9_.$/~\"'@:+&*?-]*$", p)) && length(p) <= 128])
    ])
    error_message = "var.migrations[*] needs 1 or more path_patterns (starting with \"/\", at most 128 characters) and at most 5 condition values in total."
  }

  validation {
    condition = alltrue([
      for m in values(var.migrations) :
      m.lambda_target_group_arn != m.kong_target_group_arn && alltrue([
        for arn in [m.lambda_target_group_arn, m.kong_target_group_arn] :
        can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]+/[0-9a-f]+$", arn))
      ])
    ])
    error_message = "var.migrations[*] needs two different target group ARNs: the function's Lambda target group and Kong's (NGINX) target group."
  }

  validation {
    condition     = alltrue([for m in values(var.migrations) : m.stickiness_duration == null ? true : m.stickiness_duration >= 1 && m.stickiness_duration <= 604800])
    error_message = "var.migrations[*].stickiness_duration must be 1-604800 seconds if set."
  }
}
