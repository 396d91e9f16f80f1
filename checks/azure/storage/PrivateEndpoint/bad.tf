resource "azurerm_storage_account" "data" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-STORAGE-006
  name                     = "stdata"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
