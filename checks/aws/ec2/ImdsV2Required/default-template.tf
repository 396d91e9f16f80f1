# An instance with its launch template's setting.
resource "aws_launch_template" "web" {
  metadata_options {
    http_tokens = "optional"
    #             ^^^^^^^^^^ AWS-EC2-008
  }
}

resource "aws_instance" "web" {
  launch_template {
    id = aws_launch_template.web.id
  }
}
