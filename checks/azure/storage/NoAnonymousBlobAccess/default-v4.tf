# azurerm 3.x and 4.x send allow_nested_items_to_be_public = true when it is
# not set.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.100, < 5.0"
    }
  }
}

resource "azurerm_storage_account" "logs" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-STORAGE-003
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
