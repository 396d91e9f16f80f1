resource "aws_ebs_volume" "data" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AWS-EC2-006
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    volume_size = 20
    encrypted   = true
#                 ^^^^^ AWS-EC2-006
  }
}

resource "aws_launch_template" "web" {
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 20
      encrypted   = true
#                   ^^^^^^^ AWS-EC2-006
    }
  }
}
