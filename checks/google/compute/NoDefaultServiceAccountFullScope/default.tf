# A service_account block without email gets the default compute service
# account.
resource "google_compute_instance" "web" {
  name         = "web"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
  }

  service_account {
    scopes = ["cloud-platform"]
    #         ^^^^^^^^^^^^^^^^ GCP-COMPUTE-003
  }
}
