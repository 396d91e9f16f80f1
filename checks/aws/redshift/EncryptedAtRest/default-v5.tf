# aws provider 5 sends encrypted = false when it is not set.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

resource "aws_redshift_cluster" "dw" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-REDSHIFT-002
  cluster_identifier = "dw"
  node_type          = "ra3.xlplus"
}
