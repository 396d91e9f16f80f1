resource "google_compute_firewall" "iap_rdp" {
  name          = "allow-rdp-from-iap"
  network       = "default"
  source_ranges = ["35.235.240.0/20"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "admins" {
  name                    = "allow-rdp-from-admins"
  network                 = "default"
  source_service_accounts = ["admin@acme.iam.gserviceaccount.com"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22", "3390-3400"]
  }
}

resource "google_compute_firewall" "egress" {
  name               = "allow-rdp-out"
  network            = "default"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
