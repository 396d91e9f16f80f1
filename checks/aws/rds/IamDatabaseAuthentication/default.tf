# A missing flag is false.
resource "aws_rds_cluster" "main" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^ AWS-RDS-004
  engine = "aurora-mysql"
}
