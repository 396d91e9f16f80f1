# aws_subnet maps no public IPs by default.
resource "aws_subnet" "private" {
  vpc_id     = "vpc-123"
  cidr_block = "10.0.1.0/24"
}

resource "aws_default_subnet" "a" {
  availability_zone       = "eu-west-1a"
  map_public_ip_on_launch = false
}
