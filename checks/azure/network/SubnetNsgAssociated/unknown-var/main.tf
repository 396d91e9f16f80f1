variable "subnet_id" {
  type = string
}

resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
}

resource "azurerm_subnet" "data" {
  name                 = "data"
  resource_group_name  = "rg-app"
  virtual_network_name = "vnet-app"
  address_prefixes     = ["10.0.2.0/24"]
}

# Which subnet this associates is not known: it may be the one above.
resource "azurerm_subnet_network_security_group_association" "data" {
  subnet_id                 = var.subnet_id
  network_security_group_id = azurerm_network_security_group.app.id
}
