resource "aws_eks_cluster" "this" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
#                             ^^^^^^^ AWS-EKS-003
}
