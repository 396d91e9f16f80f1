# No public_access_prevention: "inherited", which does not stop the grant
# unless an organization policy enforces it.
resource "google_storage_bucket" "site" {
  name     = "acme-site"
  location = "EU"
}

resource "google_storage_bucket_iam_policy" "site" {
  bucket = google_storage_bucket.site.id
  policy_data = jsonencode({ # expect: GCP-GCS-002
    bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }]
  })
}
