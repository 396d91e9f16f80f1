resource "aws_lb" "web" {
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/1"
}

resource "aws_alb" "internal" {
  internal = true
  subnets  = ["subnet-1", "subnet-2"]
}
