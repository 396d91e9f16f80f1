variable "users" { type = list(string) }

resource "aws_iam_policy_attachment" "direct" {
  name       = "direct"
  users      = var.users
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
