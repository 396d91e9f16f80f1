resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-app"

  security_rule {
    name                       = "allow-https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-mysql"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3306"
#                                ^^^^^^ AZ-NET-004
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
