# A literal vpc_id names an existing VPC, which may be the default VPC.
resource "aws_default_vpc" "default" {
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"
}
