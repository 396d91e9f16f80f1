# No authorized networks and no private endpoint: the public endpoint
# accepts connections from anywhere.
resource "google_container_cluster" "apps" {
  #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ GCP-GKE-001
  name     = "apps"
  location = "europe-west1"
}

variable "authorized_networks" {
  type    = list(object({ cidr_block = string, display_name = string }))
  default = []
}

# A dynamic block over an empty list declares no block.
resource "google_container_cluster" "batch" {
  name     = "batch"
  location = "europe-west1"

  dynamic "master_authorized_networks_config" { # expect: GCP-GKE-001
    for_each = length(var.authorized_networks) > 0 ? [1] : []
    content {
      dynamic "cidr_blocks" {
        for_each = var.authorized_networks
        content {
          cidr_block   = cidr_blocks.value.cidr_block
          display_name = cidr_blocks.value.display_name
        }
      }
    }
  }
}
