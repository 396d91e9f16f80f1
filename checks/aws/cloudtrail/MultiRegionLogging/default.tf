# A trail is single-Region unless told otherwise.
resource "aws_cloudtrail" "main" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AWS-CT-001
  name           = "main"
  s3_bucket_name = "trail-logs"
}

resource "aws_cloudtrail" "stopped" {
  name                  = "stopped"
  s3_bucket_name        = "trail-logs"
  is_multi_region_trail = true
  enable_logging        = false
#                         ^^^^^ AWS-CT-001
}
