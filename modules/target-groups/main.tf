resource "aws_lb_target_group" "nginx" {
  name                 = var.name
  target_type          = var.target_type
  vpc_id               = var.vpc_id
  port                 = var.port
  protocol             = var.protocol
  deregistration_delay = var.deregistration_delay
  tags                 = var.tags

  health_check {
    enabled             = true
    protocol            = var.protocol
    port                = var.health_check.port
    path                = var.health_check.path
    matcher             = var.health_check.matcher
    interval            = var.health_check.interval
    timeout             = var.health_check.timeout
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
  }

  lifecycle {
    precondition {
      condition     = var.target_type == "ip" ? length(var.target_ips) > 0 : length(var.target_ips) == 0
      error_message = "var.target_ips: an \"ip\" target group needs the instance addresses to register; an \"instance\" target group takes none (the Auto Scaling group registers its instances)."
    }
  }
}

resource "aws_lb_target_group_attachment" "nginx" {
  for_each = var.target_ips

  target_group_arn = aws_lb_target_group.nginx.arn
  target_id        = each.value
  port             = var.port
}

resource "aws_lb_target_group" "lambda" {
  for_each = var.lambda_target_groups

  name                               = each.value.name
  target_type                        = "lambda"
  lambda_multi_value_headers_enabled = each.value.multi_value_headers_enabled
  tags                               = var.tags
}

# The ALB invokes the function itself; source_arn pins the permission to this
# target group so no other load balancer can use it (confused deputy).
resource "aws_lambda_permission" "alb" {
  for_each = var.lambda_target_groups

  statement_id  = "AllowALBTargetGroup-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_arn
  qualifier     = each.value.qualifier
  principal     = "elasticloadbalancing.amazonaws.com"
  source_arn    = aws_lb_target_group.lambda[each.key].arn
}

resource "aws_lb_target_group_attachment" "lambda" {
  for_each = var.lambda_target_groups

  target_group_arn = aws_lb_target_group.lambda[each.key].arn
  target_id        = each.value.qualifier == null ? each.value.function_arn : "${each.value.function_arn}:${each.value.qualifier}"

  # Registration fails until the ALB may invoke the function.
  depends_on = [aws_lambda_permission.alb]
}
