resource "google_container_cluster" "apps" {
  name     = "apps"
  location = "europe-west1"

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
    cidr_blocks {
      display_name = "everyone"
      cidr_block   = "0.0.0.0/0"
      #              ^^^^^^^^^^^ GCP-GKE-001
    }
  }
}

resource "google_container_cluster" "batch" {
  name     = "batch"
  location = "europe-west1"

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false
    #                                 ^^^^ GCP-GKE-001
  }
}
