resource "aws_lb" "this" {
  subnets = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = "lb-logs"
    enabled = true
#             ^^^^^ AWS-ELB-003
  }
}
