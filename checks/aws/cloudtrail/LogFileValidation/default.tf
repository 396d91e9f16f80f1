# Log file validation is off by default.
resource "aws_cloudtrail" "main" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AWS-CT-002
  name           = "main"
  s3_bucket_name = "trail-logs"
}
