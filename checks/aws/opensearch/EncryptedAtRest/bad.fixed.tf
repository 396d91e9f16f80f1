resource "aws_opensearch_domain" "this" {
  domain_name = "search"
  encrypt_at_rest {
    enabled = true
#             ^^^^^ AWS-ES-001
  }
}
