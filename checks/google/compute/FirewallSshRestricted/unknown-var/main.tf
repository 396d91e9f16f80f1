variable "ssh_sources" { type = list(string) }

resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = var.ssh_sources

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
