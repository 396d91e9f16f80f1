# Point-in-time recovery is off by default.
resource "aws_dynamodb_table" "items" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-DDB-001
  name     = "items"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
