# Without the blocks, traffic is not encrypted.
resource "aws_elasticsearch_domain" "legacy" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-ES-002
  domain_name = "legacy"
}
