resource "google_storage_bucket" "logs" {
  #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ GCP-GCS-001
  name     = "acme-logs"
  location = "EU"
}
