resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Suspended"
#            ^^^^^^^^^^^ AWS-S3-008
  }
}

# No versioning resource: never versioned.
resource "aws_s3_bucket" "logs" {
#        ^^^^^^^^^^^^^^^^^^^^^^ AWS-S3-008
  bucket = "logs"
}

# The deprecated inline block.
resource "aws_s3_bucket" "old" {
  bucket = "old"
  versioning {
    enabled = true
#             ^^^^^ AWS-S3-008
  }
}
