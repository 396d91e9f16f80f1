# Public and unfiltered by default.
resource "azurerm_cosmosdb_account" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-COSMOS-001
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

}
