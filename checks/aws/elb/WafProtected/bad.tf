resource "aws_lb" "web" {
#        ^^^^^^^^^^^^^^ AWS-ELB-005
  subnets = ["subnet-1", "subnet-2"]
}
