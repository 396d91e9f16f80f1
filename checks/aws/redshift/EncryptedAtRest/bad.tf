resource "aws_redshift_cluster" "this" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  encrypted          = false
#                      ^^^^^ AWS-REDSHIFT-002
}
