resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "data" {
#        ^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-010
  name                 = "data"
  resource_group_name  = "rg-app"
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.0.2.0/24"]
}
