variable "private_endpoint" { type = bool }

resource "google_container_cluster" "apps" {
  name     = "apps"
  location = "europe-west1"

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = var.private_endpoint
  }
}
