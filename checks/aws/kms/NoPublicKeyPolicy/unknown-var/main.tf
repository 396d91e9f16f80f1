variable "policy" { type = string }

resource "aws_kms_key" "app" {
  policy = var.policy
}
