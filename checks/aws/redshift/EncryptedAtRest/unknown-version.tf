# aws provider 6 defaults encrypted to true, 5 sent false: without a
# resolved provider version a missing value is unknown.
resource "aws_redshift_cluster" "dw" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
}
