# A custom certificate without a minimum version accepts TLSv1.
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    target_origin_id       = "site"
    viewer_protocol_policy = "https-only"
  }
  viewer_certificate { # expect: AWS-CF-001
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1"
    ssl_support_method  = "sni-only"
  }
}
