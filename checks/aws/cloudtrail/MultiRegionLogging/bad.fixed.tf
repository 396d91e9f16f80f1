resource "aws_cloudtrail" "this" {
  name                  = "main"
  s3_bucket_name        = "trail-logs"
  is_multi_region_trail = true
#                         ^^^^^ AWS-CT-001
}
