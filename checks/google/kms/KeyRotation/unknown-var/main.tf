variable "rotation_period" { type = string }

resource "google_kms_key_ring" "app" {
  name     = "app"
  location = "europe"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.app.id
  rotation_period = var.rotation_period
}
