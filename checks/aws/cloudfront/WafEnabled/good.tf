resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn
}
