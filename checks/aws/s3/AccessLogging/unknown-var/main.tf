variable "log_bucket" { type = string }

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = var.log_bucket
}
