variable "enabled" { type = bool }

resource "aws_ebs_encryption_by_default" "this" {
  enabled = var.enabled
}
