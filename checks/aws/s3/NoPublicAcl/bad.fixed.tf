resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "public-read"
#          ^^^^^^^^^^^^^ AWS-S3-002
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  acl    = "private"
#          ^^^^^^^^^^^^^^^^^^^^ AWS-S3-002
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = "shared-bucket"
  access_control_policy {
    owner {
      id = "owner"
    }
    grant {
      permission = "READ"
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-S3-002
      }
    }
  }
}
