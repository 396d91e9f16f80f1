# access_logs.enabled is false even with a bucket; a classic load
# balancer's block is on unless disabled.
resource "aws_lb" "web" {
  subnets = ["subnet-1", "subnet-2"]
  access_logs { # expect: AWS-ELB-003
    bucket = "lb-logs"
  }
}

resource "aws_elb" "classic" {
  listener {
    lb_port           = 443
    lb_protocol       = "https"
    instance_port     = 80
    instance_protocol = "http"
  }
  access_logs {
    bucket = "elb-logs"
  }
}

resource "aws_elb" "unlogged" {
#        ^^^^^^^^^^^^^^^^^^^^ AWS-ELB-003
  listener {
    lb_port           = 443
    lb_protocol       = "https"
    instance_port     = 80
    instance_protocol = "http"
  }
}
