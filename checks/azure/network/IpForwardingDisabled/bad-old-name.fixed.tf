# azurerm 3.x spelling.
resource "azurerm_network_interface" "this" {
  name                = "nic-app"
  location            = "westeurope"
  resource_group_name = "rg"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"
    private_ip_address_allocation = "Dynamic"
  }

  enable_ip_forwarding = false
#                        ^^^^ AZ-NET-005
}
