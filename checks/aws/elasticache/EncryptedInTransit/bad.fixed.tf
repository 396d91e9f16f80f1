resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t3.micro"
  transit_encryption_enabled = true
#                              ^^^^^ AWS-ELASTICACHE-001
}
