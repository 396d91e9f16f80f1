resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-IAM-003
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "open_too" {
  name               = "open-too"
  assume_role_policy = data.aws_iam_policy_document.trust.json
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-IAM-003
}
