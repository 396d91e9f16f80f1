# Without rotation_period the key never rotates; purpose defaults to
# ENCRYPT_DECRYPT.
resource "google_kms_key_ring" "app" {
  name     = "app"
  location = "europe"
}

resource "google_kms_crypto_key" "data" {
  #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ GCP-KMS-001
  name     = "data"
  key_ring = google_kms_key_ring.app.id
}
