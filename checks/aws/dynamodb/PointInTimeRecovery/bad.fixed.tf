resource "aws_dynamodb_table" "this" {
  name     = "items"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
#             ^^^^^ AWS-DDB-001
  }
}
