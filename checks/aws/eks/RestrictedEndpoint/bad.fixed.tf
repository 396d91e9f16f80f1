resource "aws_eks_cluster" "this" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    public_access_cidrs     = ["0.0.0.0/0"]
    endpoint_public_access  = false
    endpoint_private_access = true
#                          ^^^^^^^^^^^ AWS-EKS-001
  }
}
