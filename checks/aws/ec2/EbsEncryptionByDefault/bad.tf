resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
#           ^^^^^ AWS-EC2-007
}
