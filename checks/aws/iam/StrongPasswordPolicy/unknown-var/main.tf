variable "length" { type = number }

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = var.length
  password_reuse_prevention    = 24
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
}
