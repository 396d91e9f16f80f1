variable "caller" { type = string }

resource "aws_lambda_permission" "invoke" {
  function_name = "shared-function"
  action        = "lambda:InvokeFunction"
  principal     = var.caller
}
