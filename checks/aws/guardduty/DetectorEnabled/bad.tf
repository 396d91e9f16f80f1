resource "aws_guardduty_detector" "this" {
  enable = false
#          ^^^^^ AWS-GD-001
}
