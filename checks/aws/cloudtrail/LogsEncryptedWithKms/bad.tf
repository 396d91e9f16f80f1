resource "aws_cloudtrail" "main" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AWS-CT-003
  name           = "main"
  s3_bucket_name = "trail-logs"
}
