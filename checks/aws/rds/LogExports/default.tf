# No exports: the logs stay on the instance.
resource "aws_rds_cluster" "main" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^ AWS-RDS-005
  engine = "aurora-postgresql"
}
