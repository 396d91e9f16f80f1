# A missing status is Active.
resource "aws_iam_access_key" "deploy" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-IAM-005
  user = "deploy"
}

resource "aws_iam_access_key" "ci" {
  user   = "ci"
  status = "Active"
#          ^^^^^^^^ AWS-IAM-005
}
