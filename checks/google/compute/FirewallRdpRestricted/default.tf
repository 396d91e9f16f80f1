# No direction (INGRESS) and no source at all: GCP applies the rule to
# 0.0.0.0/0. No ports: every port of the protocol.
resource "google_compute_firewall" "rdp" {
  name    = "allow-tcp"
  network = "default"

  allow {
    protocol = "tcp"
    #          ^^^^^ GCP-COMPUTE-002
  }
}
