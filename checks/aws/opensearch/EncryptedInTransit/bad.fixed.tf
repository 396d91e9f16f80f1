resource "aws_opensearch_domain" "this" {
  domain_name = "search"
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-ES-002
  }
}
