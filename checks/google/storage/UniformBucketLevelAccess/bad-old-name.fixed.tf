# google provider 3.x spelling.
resource "google_storage_bucket" "logs" {
  name               = "acme-logs"
  location           = "EU"
  bucket_policy_only = true
  #                    ^^^^^ GCP-GCS-001
}
