locals {
  # Each migration is a weighted forward: kong_percent of the requests to the NGINX (Kong) target group, the rest to
  # the function's own Lambda target group. At 100 the Lambda target group stays in the rule with weight 0, so a
  # rollback is a weight change, never a rule that has to be recreated.
  migration_rules = {
    for key, m in var.migrations : key => {
      priority          = m.priority
      must_precede      = []
      path_patterns     = m.path_patterns
      host_headers      = m.host_headers
      http_headers      = {}
      source_ips        = []
      authenticate_oidc = null
      forward = {
        target_groups = [
          { arn = m.lambda_target_group_arn, weight = 100 - m.kong_percent },
          { arn = m.kong_target_group_arn, weight = m.kong_percent },
        ]
        stickiness_duration = m.stickiness_duration
      }
      fixed_response = null
      redirect       = null
    }
  }
  all_rules = merge(var.rules, local.migration_rules)
}

resource "aws_lb_listener_rule" "this" {
  for_each = local.all_rules

  listener_arn = var.listener_arn
  priority     = each.value.priority
  tags         = var.tags

  lifecycle {
    precondition {
      condition     = length(setintersection(keys(var.rules), keys(var.migrations))) == 0 && length(distinct([for r in values(local.all_rules) : r.priority])) == length(local.all_rules)
      error_message = "var.rules and var.migrations must use different keys and different priorities: a listener cannot have two rules with the same priority."
    }
  }

  dynamic "action" {
    for_each = each.value.authenticate_oidc == null ? [] : [each.value.authenticate_oidc]

    content {
      type  = "authenticate-oidc"
      order = 1

      authenticate_oidc {
        issuer                              = action.value.issuer
        authorization_endpoint              = action.value.authorization_endpoint
        token_endpoint                      = action.value.token_endpoint
        user_info_endpoint                  = action.value.user_info_endpoint
        client_id                           = action.value.client_id
        client_secret                       = action.value.client_secret
        scope                               = action.value.scope
        session_cookie_name                 = action.value.session_cookie_name
        session_timeout                     = action.value.session_timeout
        on_unauthenticated_request          = action.value.on_unauthenticated_request
        authentication_request_extra_params = action.value.authentication_request_extra_params
      }
    }
  }

  action {
    type  = each.value.forward != null ? "forward" : each.value.fixed_response != null ? "fixed-response" : "redirect"
    order = each.value.authenticate_oidc == null ? 1 : 2

    dynamic "forward" {
      for_each = each.value.forward == null ? [] : [each.value.forward]

      content {
        dynamic "target_group" {
          for_each = forward.value.target_groups

          content {
            arn    = target_group.value.arn
            weight = target_group.value.weight
          }
        }

        dynamic "stickiness" {
          for_each = forward.value.stickiness_duration == null ? [] : [forward.value.stickiness_duration]

          content {
            enabled  = true
            duration = stickiness.value
          }
        }
      }
    }

    dynamic "fixed_response" {
      for_each = each.value.fixed_response == null ? [] : [each.value.fixed_response]

      content {
        status_code  = fixed_response.value.status_code
        content_type = fixed_response.value.content_type
        message_body = fixed_response.value.message_body
      }
    }

    dynamic "redirect" {
      for_each = each.value.redirect == null ? [] : [each.value.redirect]

      content {
        status_code = redirect.value.status_code
        protocol    = redirect.value.protocol
        host        = redirect.value.host
        port        = redirect.value.port
        path        = redirect.value.path
        query       = redirect.value.query
      }
    }
  }

  dynamic "condition" {
    for_each = length(each.value.path_patterns) == 0 ? [] : [each.value.path_patterns]

    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(each.value.host_headers) == 0 ? [] : [each.value.host_headers]

    content {
      host_header {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = each.value.http_headers

    content {
      http_header {
        http_header_name = condition.key
        values           = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(each.value.source_ips) == 0 ? [] : [each.value.source_ips]

    content {
      source_ip {
        values = condition.value
      }
    }
  }
}
