# A missing enabled is true.
resource "aws_ebs_encryption_by_default" "this" {}
