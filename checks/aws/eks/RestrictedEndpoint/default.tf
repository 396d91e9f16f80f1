# A missing endpoint_public_access is true, open to 0.0.0.0/0.
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config { # expect: AWS-EKS-001
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}
