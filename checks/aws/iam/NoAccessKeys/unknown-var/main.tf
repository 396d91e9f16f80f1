variable "status" { type = string }

resource "aws_iam_access_key" "deploy" {
  user   = "deploy"
  status = var.status
}
