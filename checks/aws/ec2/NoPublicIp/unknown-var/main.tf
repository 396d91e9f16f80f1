variable "subnet_id" { type = string }

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = var.subnet_id
}
