resource "aws_lb" "web" {
  subnets                    = ["subnet-1", "subnet-2"]
  drop_invalid_header_fields = true
#                              ^^^^^ AWS-ELB-004
}
