resource "aws_iam_access_key" "deploy" {
  user   = "deploy"
  status = "Inactive"
}
