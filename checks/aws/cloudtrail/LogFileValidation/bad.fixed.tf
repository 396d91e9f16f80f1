resource "aws_cloudtrail" "this" {
  name                       = "main"
  s3_bucket_name             = "trail-logs"
  enable_log_file_validation = true
#                              ^^^^^ AWS-CT-002
}
