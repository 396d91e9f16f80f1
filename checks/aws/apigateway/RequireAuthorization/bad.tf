resource "aws_api_gateway_method" "get" {
  rest_api_id   = "api-123"
  resource_id   = "res-123"
  http_method   = "GET"
  authorization = "NONE"
#                 ^^^^^^ AWS-APIGW-001
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

# A missing authorization_type is NONE.
resource "aws_apigatewayv2_route" "items" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-APIGW-001
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /items"
}
