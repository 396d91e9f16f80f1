# Adopting the default group without rules makes Terraform remove AWS's.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc" "apps" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_default_security_group" "apps" {
  vpc_id  = aws_vpc.apps.id
  ingress = []
  egress  = []
}

# Without vpc_id the resource adopts the default VPC's group.
resource "aws_default_vpc" "default" {
}

resource "aws_default_security_group" "default" {
}

# A purpose-built group carries the rules.
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
