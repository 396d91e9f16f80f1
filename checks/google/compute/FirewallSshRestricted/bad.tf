resource "google_compute_firewall" "ssh" {
  name      = "allow-ssh"
  network   = "default"
  direction = "INGRESS"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
  #                ^^^^^^^^^^^ GCP-COMPUTE-001
}

resource "google_compute_firewall" "admin" {
  name    = "allow-admin"
  network = "default"

  allow {
    protocol = "icmp"
  }

  allow {
    protocol = "tcp"
    ports    = ["80", "20-30"]
  }

  source_ranges = ["10.0.0.0/8", "::/0"]
  #                              ^^^^^^ GCP-COMPUTE-001
}

resource "google_compute_firewall" "everything" {
  name          = "allow-all"
  network       = "default"
  disabled      = false
  source_ranges = ["0.0.0.0/0"]
  #                ^^^^^^^^^^^ GCP-COMPUTE-001

  allow {
    protocol = "all"
  }
}
