resource "aws_lb" "web" {
  subnets                    = ["subnet-1", "subnet-2"]
  drop_invalid_header_fields = true
}

# Network load balancers do not parse HTTP: not applicable.
resource "aws_lb" "tcp" {
  load_balancer_type = "network"
  subnets            = ["subnet-1", "subnet-2"]
}
