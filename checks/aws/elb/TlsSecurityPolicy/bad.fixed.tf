resource "aws_lb_listener" "this" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/1"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-ELB-002
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1"
  }
}
