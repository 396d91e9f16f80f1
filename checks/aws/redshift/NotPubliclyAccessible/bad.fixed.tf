resource "aws_redshift_cluster" "this" {
  cluster_identifier  = "dw"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
#                       ^^^^ AWS-REDSHIFT-001
}
