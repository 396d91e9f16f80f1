resource "aws_subnet" "private" {
  vpc_id     = "vpc-123"
  cidr_block = "10.0.1.0/24"
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_launch_template" "web" {
  network_interfaces {
    associate_public_ip_address = false
  }
}
