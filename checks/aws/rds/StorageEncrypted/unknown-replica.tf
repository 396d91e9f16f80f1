# A replica inherits its source's encryption.
resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.micro"
  replicate_source_db = "app"
}
