# Default subnets map public IPs unless told otherwise.
resource "aws_default_subnet" "a" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^ AWS-VPC-002
  availability_zone = "eu-west-1a"
}
