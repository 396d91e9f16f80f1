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

  public_network_access_enabled = false
#                                 ^^^^ AZ-COSMOS-001
  ip_range_filter               = ["0.0.0.0"]
}
