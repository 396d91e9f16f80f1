variable "vpc_id" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Whether this adopts the VPC above depends on the variable.
resource "aws_default_security_group" "main" {
  vpc_id = var.vpc_id
}
