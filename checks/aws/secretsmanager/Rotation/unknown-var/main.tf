variable "rules" {}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id      = aws_secretsmanager_secret.db.id
  rotation_rules = var.rules
}
