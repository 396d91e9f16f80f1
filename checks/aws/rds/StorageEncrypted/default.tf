# storage_encrypted defaults to false, except Serverless v1 clusters.
resource "aws_db_instance" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AWS-RDS-001
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "serverless" {
  engine      = "aurora-postgresql"
  engine_mode = "serverless"
}
