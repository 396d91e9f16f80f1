resource "aws_kms_key" "trail" {}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-logs"
  kms_key_id     = aws_kms_key.trail.arn
}
