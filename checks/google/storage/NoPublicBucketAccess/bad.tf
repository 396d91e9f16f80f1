resource "google_storage_bucket" "site" {
  name                     = "acme-site"
  location                 = "EU"
  public_access_prevention = "inherited"
}

resource "google_storage_bucket_iam_member" "site_public" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
  #        ^^^^^^^^^^ GCP-GCS-002
}

# Named by its literal name.
resource "google_storage_bucket" "shared" {
  name                     = "acme-shared"
  location                 = "EU"
  public_access_prevention = "inherited"
}

resource "google_storage_bucket_iam_binding" "shared_readers" {
  bucket  = "acme-shared"
  role    = "roles/storage.objectViewer"
  members = ["group:readers@acme.example", "allAuthenticatedUsers"]
  #                                        ^^^^^^^^^^^^^^^^^^^^^^^ GCP-GCS-002
}

# A whole policy from a google_iam_policy data source.
resource "google_storage_bucket" "assets" {
  name                     = "acme-assets"
  location                 = "EU"
  public_access_prevention = "inherited"
}

data "google_iam_policy" "assets" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allUsers"]
    #          ^^^^^^^^^^ GCP-GCS-002
  }
}

resource "google_storage_bucket_iam_policy" "assets" {
  bucket      = google_storage_bucket.assets.name
  policy_data = data.google_iam_policy.assets.policy_data
}

# Legacy ACLs.
resource "google_storage_bucket" "legacy" {
  name                     = "acme-legacy"
  location                 = "EU"
  public_access_prevention = "inherited"
}

resource "google_storage_bucket_access_control" "legacy_public" {
  bucket = google_storage_bucket.legacy.name
  role   = "READER"
  entity = "allUsers"
  #        ^^^^^^^^^^ GCP-GCS-002
}

resource "google_storage_bucket" "uploads" {
  name                     = "acme-uploads"
  location                 = "EU"
  public_access_prevention = "inherited"
}

resource "google_storage_default_object_access_control" "uploads_public" {
  bucket = google_storage_bucket.uploads.name
  role   = "READER"
  entity = "allAuthenticatedUsers"
  #        ^^^^^^^^^^^^^^^^^^^^^^^ GCP-GCS-002
}
