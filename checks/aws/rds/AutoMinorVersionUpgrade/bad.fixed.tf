resource "aws_db_instance" "app" {
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  auto_minor_version_upgrade = true
  #                            ^^^^^ AWS-RDS-003
}
