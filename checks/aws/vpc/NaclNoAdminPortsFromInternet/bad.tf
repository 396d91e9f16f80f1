resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Inline ingress: the allow-all at 100 wins over the deny at 200.
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 200
    action     = "deny"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    #            ^^^^^^^^^^^ AWS-VPC-003 "rule 100 allows TCP 22"
    from_port  = 0
    to_port    = 0
  }
}

# A separate rule resource opening RDP over IPv6.
resource "aws_network_acl" "admin" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "rdp" {
  network_acl_id  = aws_network_acl.admin.id
  rule_number     = 100
  egress          = false
  protocol        = "6"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0"
  #                 ^^^^^^ AWS-VPC-003 "TCP 3389"
  from_port       = 3389
  to_port         = 3389
}

# The default ACL keeps only what is declared here.
resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    #            ^^^^^^^^^^^ AWS-VPC-003
    from_port  = 0
    to_port    = 0
  }
}
