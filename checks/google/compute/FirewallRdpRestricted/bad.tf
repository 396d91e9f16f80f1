resource "google_compute_firewall" "rdp" {
  name      = "allow-rdp"
  network   = "default"
  direction = "INGRESS"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["0.0.0.0/0"]
  #                ^^^^^^^^^^^ GCP-COMPUTE-002
}

# RDP's UDP transport listens on 3389 too.
resource "google_compute_firewall" "rdp_udp" {
  name    = "allow-rdp-udp"
  network = "default"

  allow {
    protocol = "udp"
    ports    = ["3000-4000"]
  }

  source_ranges = ["::/0"]
  #                ^^^^^^ GCP-COMPUTE-002
}
