variable "client_ranges" { type = list(string) }

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      dynamic "authorized_networks" {
        for_each = var.client_ranges
        content {
          value = authorized_networks.value
        }
      }
    }
  }
}
