resource "google_storage_bucket" "logs" {
  name                        = "acme-logs"
  location                    = "EU"
  uniform_bucket_level_access = true
  #                             ^^^^^ GCP-GCS-001
}
