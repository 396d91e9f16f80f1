resource "aws_secretsmanager_secret" "db" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-SM-001
  name = "db"
}
