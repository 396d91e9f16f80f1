# A missing enable is true.
resource "aws_guardduty_detector" "main" {}
