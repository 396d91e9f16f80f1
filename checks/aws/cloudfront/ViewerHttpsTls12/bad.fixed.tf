resource "aws_cloudfront_distribution" "this" {
  enabled = true
  origin {
    origin_id   = "site"
    domain_name = "site.s3.amazonaws.com"
  }
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
#                            ^^^^^^^^^^^ AWS-CF-001
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
