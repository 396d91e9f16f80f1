# Without ssl_mode Cloud SQL accepts unencrypted connections
# (ALLOW_UNENCRYPTED_AND_ENCRYPTED).
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration { # expect: GCP-SQL-002
      ipv4_enabled = false
    }
  }
}
