resource "google_kms_key_ring" "app" {
  name     = "app"
  location = "europe"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.app.id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "7776000s"
  #                 ^^^^^^^^^^^ GCP-KMS-001
}
