resource "azurerm_network_security_group" "db" {
  name                = "nsg-db"
  location            = "westeurope"
  resource_group_name = "rg-db"

  security_rule {
    name                       = "allow-redis"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "6379"
    #                            ^^^^^^ AZ-NET-004
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
