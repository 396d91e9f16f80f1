# drop_invalid_header_fields defaults to false.
resource "aws_alb" "web" {
#        ^^^^^^^^^^^^^^^ AWS-ELB-004
  subnets = ["subnet-1", "subnet-2"]
}
