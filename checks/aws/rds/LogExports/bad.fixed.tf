resource "aws_db_instance" "this" {
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  enabled_cloudwatch_logs_exports = ["upgrade", "postgresql"]
#                                   ^^^^^^^^^^^ AWS-RDS-005
}
