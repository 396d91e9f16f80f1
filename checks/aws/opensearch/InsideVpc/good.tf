resource "aws_opensearch_domain" "this" {
  domain_name = "search"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
}
