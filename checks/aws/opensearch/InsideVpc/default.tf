# Without vpc_options the domain has a public endpoint.
resource "aws_elasticsearch_domain" "legacy" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS-ES-003
  domain_name = "legacy"
}
