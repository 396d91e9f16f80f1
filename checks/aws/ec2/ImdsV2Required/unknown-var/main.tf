variable "http_tokens" { type = string }

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.http_tokens
  }
}
