resource "aws_lambda_function_url" "app" {
  function_name      = "app"
  authorization_type = "AWS_IAM"
#                      ^^^^^^ AWS-LAMBDA-002
}
