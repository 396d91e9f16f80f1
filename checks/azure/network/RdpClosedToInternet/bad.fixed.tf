resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-app"

  security_rule {
    name                       = "allow-rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    #                            ^^^^^^ AZ-NET-001
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
