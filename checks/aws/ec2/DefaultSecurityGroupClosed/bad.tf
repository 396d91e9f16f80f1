# No aws_default_security_group: AWS's default rules stay.
resource "aws_vpc" "main" {
#        ^^^^^^^^^^^^^^^^ AWS-EC2-004 "no aws_default_security_group"
  cidr_block = "10.0.0.0/16"
}

# Adopted, but it declares the allow-all rules again.
resource "aws_vpc" "apps" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_default_security_group" "apps" {
  vpc_id = aws_vpc.apps.id

  ingress { # expect: AWS-EC2-004 "keeps ingress rules"
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}

# The default VPC's group, adopted with an egress rule.
resource "aws_default_vpc" "default" {
}

resource "aws_default_security_group" "default" {
  egress { # expect: AWS-EC2-004 "keeps egress rules"
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
    from_port   = 0
    to_port     = 0
  }
}
