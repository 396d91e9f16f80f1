resource "azurerm_public_ip" "app" {
  name                = "pip-app"
  location            = "westeurope"
  resource_group_name = "rg"
  allocation_method   = "Static"
}

resource "azurerm_network_interface" "app" {
  name                = "nic-app"
  location            = "westeurope"
  resource_group_name = "rg"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.app.id
#                                   ^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-006
  }
}
