# Older provider versions take a comma-separated string.
resource "azurerm_cosmosdb_account" "this" {
  name                = "cosmos-app"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }

  ip_range_filter = "203.0.113.10,198.51.100.0/24"
}
