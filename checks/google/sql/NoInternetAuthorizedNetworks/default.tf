# ipv4_enabled defaults to true: the instance has a public IP address.
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      authorized_networks {
        value = "0.0.0.0/0"
        #       ^^^^^^^^^^^ GCP-SQL-001
      }
    }
  }
}
