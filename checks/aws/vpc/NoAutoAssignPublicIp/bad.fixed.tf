resource "aws_subnet" "this" {
  vpc_id                  = "vpc-123"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = false
#                           ^^^^ AWS-VPC-002
}
