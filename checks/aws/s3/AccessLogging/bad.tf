resource "aws_s3_bucket" "data" {
#        ^^^^^^^^^^^^^^^^^^^^^^ AWS-S3-007
  bucket = "data"
}
