resource "aws_lb" "this" {
  subnets = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = "lb-logs"
    enabled = false
#             ^^^^^ AWS-ELB-003
  }
}
