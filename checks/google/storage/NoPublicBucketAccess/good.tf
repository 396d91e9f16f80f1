# Public access prevention makes public grants fail.
resource "google_storage_bucket" "site" {
  name                     = "acme-site"
  location                 = "EU"
  public_access_prevention = "enforced"
}

resource "google_storage_bucket_iam_member" "site_public" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket" "internal" {
  name     = "acme-internal"
  location = "EU"
}

resource "google_storage_bucket_iam_binding" "internal_readers" {
  bucket  = google_storage_bucket.internal.name
  role    = "roles/storage.objectViewer"
  members = ["group:readers@acme.example"]
}

resource "google_storage_bucket_iam_policy" "internal" {
  bucket = "acme-internal"
  policy_data = jsonencode({
    bindings = [{ role = "roles/storage.admin", members = ["user:ops@acme.example"] }]
  })
}

# A public grant on a bucket this configuration does not declare.
resource "google_storage_bucket_access_control" "elsewhere" {
  bucket = "someone-elses-bucket"
  role   = "READER"
  entity = "allUsers"
}
