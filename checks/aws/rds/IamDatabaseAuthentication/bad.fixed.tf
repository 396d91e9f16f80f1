resource "aws_db_instance" "this" {
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  iam_database_authentication_enabled = true
#                                       ^^^^^ AWS-RDS-004
}
