# azurerm 5.x defaults to false, 3.x and 4.x to true: unknown without a
# pinned provider version.
resource "azurerm_storage_account" "logs" {
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

}
