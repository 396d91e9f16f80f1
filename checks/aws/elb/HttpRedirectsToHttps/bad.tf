resource "aws_lb" "web" {
  subnets = ["subnet-1", "subnet-2"]
}

# A missing protocol is HTTP on an application load balancer.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  default_action {
    type             = "forward"
#                      ^^^^^^^^^ AWS-ELB-001
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1"
  }
}

resource "aws_elb" "classic" {
  listener {
    lb_port           = 80
    lb_protocol       = "http"
#                       ^^^^^^ AWS-ELB-001
    instance_port     = 80
    instance_protocol = "http"
  }
}
