resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  address_space       = ["10.0.0.0/16"]

  subnet {
    name             = "GatewaySubnet"
    address_prefixes = ["10.0.255.0/27"]
  }
  subnet { # expect: AZ-NET-010
    name             = "data"
    address_prefixes = ["10.0.2.0/24"]
  }
}
