resource "aws_api_gateway_method" "get" {
  rest_api_id   = "api-123"
  resource_id   = "res-123"
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "options" {
  rest_api_id   = "api-123"
  resource_id   = "res-123"
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_apigatewayv2_route" "items" {
  api_id             = "api-123"
  route_key          = "GET /items"
  authorization_type = "JWT"
  authorizer_id      = "auth-1"
}
