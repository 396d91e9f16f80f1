resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "ObjectWriter"
#                      ^^^^^^^^^^^^^^ AWS-S3-004
  }
}
