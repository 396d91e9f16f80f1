resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  users = [aws_iam_user.alice.name]
  group = aws_iam_group.developers.name
}

data "aws_iam_policy_document" "force_mfa" {
  statement {
    sid    = "DenyAllExceptListedIfNoMFA"
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "force_mfa" {
  name   = "force-mfa"
  policy = data.aws_iam_policy_document.force_mfa.json
}

resource "aws_iam_policy_attachment" "force_mfa" {
  name       = "force-mfa"
  groups     = [aws_iam_group.developers.name]
  policy_arn = aws_iam_policy.force_mfa.arn
}

# A user with an inline force-MFA policy.
resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_login_profile" "bob" {
  user = "bob"
}

resource "aws_iam_user_policy" "bob" {
  user = aws_iam_user.bob.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

# No login profile: not applicable.
resource "aws_iam_user" "deployer" {
  name = "deployer"
}
