resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-123"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port        = 3389
    to_port          = 3389
    protocol         = "udp"
    ipv6_cidr_blocks = ["::/0"]
#                       ^^^^^^ AWS-EC2-002
  }
}

resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = "vpc-123"
}

resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  security_group_id = aws_security_group.admin.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
#                      ^^^^^^^^^^^ AWS-EC2-002
}

resource "aws_security_group" "ops" {
  name   = "ops"
  vpc_id = "vpc-123"
}

resource "aws_vpc_security_group_ingress_rule" "ops" {
  security_group_id = aws_security_group.ops.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
#                     ^^^^^^^^^^^ AWS-EC2-002
}
