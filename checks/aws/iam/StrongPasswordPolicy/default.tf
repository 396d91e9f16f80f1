# Missing settings: length 6, no reuse prevention, no character classes.
resource "aws_iam_account_password_policy" "loose" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-IAM-004
  allow_users_to_change_password = true
}
