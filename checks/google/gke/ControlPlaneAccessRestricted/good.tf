resource "google_container_cluster" "apps" {
  name     = "apps"
  location = "europe-west1"

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }
}

resource "google_container_cluster" "private" {
  name     = "private"
  location = "europe-west1"

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}

# Authorized networks with no CIDR: only Google-internal addresses.
resource "google_container_cluster" "locked" {
  name     = "locked"
  location = "europe-west1"

  master_authorized_networks_config {}
}
