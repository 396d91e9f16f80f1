variable "authorization" { type = string }

resource "aws_api_gateway_method" "get" {
  rest_api_id   = "api-123"
  resource_id   = "res-123"
  http_method   = "GET"
  authorization = var.authorization
}
