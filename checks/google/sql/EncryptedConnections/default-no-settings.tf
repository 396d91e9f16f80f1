resource "google_sql_database_instance" "main" {
  #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ GCP-SQL-002
  name             = "main"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
}
