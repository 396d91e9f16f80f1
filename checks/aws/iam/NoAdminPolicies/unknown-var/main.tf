variable "policy" { type = string }

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = var.policy
}
