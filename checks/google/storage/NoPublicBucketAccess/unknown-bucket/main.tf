# Whether the public grant is on this bucket depends on a variable.
variable "bucket_name" { type = string }

resource "google_storage_bucket" "site" {
  name     = "acme-site"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "public" {
  bucket = var.bucket_name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
