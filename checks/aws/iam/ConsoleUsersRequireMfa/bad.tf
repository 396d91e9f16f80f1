# A console user whose policies grant work but never require MFA.
resource "aws_iam_user" "alice" {
#        ^^^^^^^^^^^^^^^^^^^^^^ AWS-IAM-006 "can sign in to the console"
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_user_policy" "alice_s3" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}

# The MFA condition only applies to requests to one bucket.
data "aws_iam_policy_document" "narrow" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:*MFADevice*", "sts:GetSessionToken"]
    resources   = ["arn:aws:s3:::reports/*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "narrow" {
  name   = "narrow-mfa"
  policy = data.aws_iam_policy_document.narrow.json
}

resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.narrow.arn
}
