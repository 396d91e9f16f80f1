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

  local_authentication_enabled = false
#                                ^^^^ AZ-COSMOS-002
}
