resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
      #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ GCP-SQL-002
    }
  }
}

# google provider 5.x and earlier.
resource "google_sql_database_instance" "legacy" {
  name             = "legacy"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      require_ssl = false
      ssl_mode    = "ENCRYPTED_ONLY"
      #             ^^^^^ GCP-SQL-002
    }
  }
}
