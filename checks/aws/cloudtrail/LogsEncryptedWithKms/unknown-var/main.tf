variable "setting" {}

resource "aws_cloudtrail" "this" {
  name           = "main"
  s3_bucket_name = "trail-logs"
  kms_key_id     = var.setting
}
