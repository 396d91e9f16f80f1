# The user is not in this configuration, so neither are its policies.
resource "aws_iam_user_login_profile" "carol" {
  user = "carol"
}
