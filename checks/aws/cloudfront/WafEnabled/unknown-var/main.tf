variable "setting" {}

resource "aws_cloudfront_distribution" "this" {
  enabled    = true
  web_acl_id = var.setting
}
