# Valkey groups are encrypted at rest by default.
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "sessions"
  engine               = "valkey"
}
