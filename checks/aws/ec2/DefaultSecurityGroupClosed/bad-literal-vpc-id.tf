# A literal vpc_id names a VPC that exists already, never the one created
# here, so this VPC's default group keeps AWS's rules.
resource "aws_vpc" "main" {
#        ^^^^^^^^^^^^^^^^ AWS-EC2-004
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "existing" {
  vpc_id = "vpc-0123456789abcdef0"
}
