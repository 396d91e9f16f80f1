# Enhanced scanning covers every repository of the registry.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"
}

resource "aws_ecr_repository" "app" {
  name = "app"
}
