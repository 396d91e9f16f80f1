variable "admin_cidr" {
  type = string
}

resource "aws_network_acl" "public" {
  vpc_id = "vpc-123"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = var.admin_cidr
    from_port  = 22
    to_port    = 22
  }
}
