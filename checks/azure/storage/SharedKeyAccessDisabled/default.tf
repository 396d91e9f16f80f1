resource "azurerm_storage_account" "logs" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-STORAGE-007
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

}
