variable "admin_cidr" { type = string }

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-123"
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
