resource "azurerm_storage_account" "this" {
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version = "TLS1_2"
#                   ^^^^^^^^ AZ-STORAGE-002
}
