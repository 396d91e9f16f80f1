# Without the block, domains are not encrypted.
resource "aws_elasticsearch_domain" "legacy" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-ES-001
  domain_name = "legacy"
}
