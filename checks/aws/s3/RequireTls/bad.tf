resource "aws_s3_bucket" "data" {
#        ^^^^^^^^^^^^^^^^^^^^^^ AWS-S3-005
  bucket = "data"
}
