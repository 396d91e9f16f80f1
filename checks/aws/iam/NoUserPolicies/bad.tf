resource "aws_iam_user" "deploy" {
  # The user's name, which the attachment uses, carries the finding.
  name = "deploy"
  #      ^^^^^^^^ AWS-IAM-002
}

resource "aws_iam_user_policy_attachment" "deploy" {
  user       = aws_iam_user.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy" "ci" {
  user   = "ci"
#          ^^^^ AWS-IAM-002
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
