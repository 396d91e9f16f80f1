resource "google_compute_firewall" "iap_ssh" {
  name          = "allow-ssh-from-iap"
  network       = "default"
  source_ranges = ["35.235.240.0/20"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "bastion" {
  name        = "allow-ssh-from-bastion"
  network     = "default"
  source_tags = ["bastion"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "web" {
  name          = "allow-web"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "8000-8080"]
  }

  allow {
    protocol = "udp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "off" {
  name          = "allow-ssh-disabled"
  network       = "default"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "deny" {
  name          = "deny-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# Egress rules are not about who reaches the instances.
resource "google_compute_firewall" "egress" {
  name               = "allow-ssh-out"
  network            = "default"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
