resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}
