# No direction (INGRESS) and no source at all: GCP applies the rule to
# 0.0.0.0/0.
resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
    #           ^^^^ GCP-COMPUTE-001
  }
}
