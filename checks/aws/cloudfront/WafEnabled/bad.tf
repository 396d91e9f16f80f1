resource "aws_cloudfront_distribution" "cdn" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-CF-002
  enabled = true
}
