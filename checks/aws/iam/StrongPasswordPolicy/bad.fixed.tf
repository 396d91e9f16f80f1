resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
#                                ^ AWS-IAM-004
  password_reuse_prevention    = 24
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
}
