variable "internal" { type = bool }

resource "aws_lb" "web" {
  internal = var.internal
  subnets  = ["subnet-1", "subnet-2"]
}
