# google provider 3.x spelling.
resource "google_storage_bucket" "logs" {
  name               = "acme-logs"
  location           = "EU"
  bucket_policy_only = false
  #                    ^^^^^ GCP-GCS-001
}
