resource "aws_redshift_cluster" "this" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
  encrypted          = true
#                      ^^^^^ AWS-REDSHIFT-002
}
