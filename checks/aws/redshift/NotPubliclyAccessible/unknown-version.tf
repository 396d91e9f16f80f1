# aws provider 6 defaults publicly_accessible to false, 5 sent true:
# without a resolved provider version a missing value is unknown.
resource "aws_redshift_cluster" "dw" {
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
}
