resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
#                 ^^^^^^^^^^ AWS-EC2-008
  }
}

resource "aws_launch_template" "web" {
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
#                   ^^^^^^^^^^ AWS-EC2-008
  }
}

resource "aws_launch_configuration" "web" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
#                 ^^^^^^^^^^ AWS-EC2-008
  }
}
