variable "nic_id" {
  type = string
}

resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  location              = "westeurope"
  resource_group_name   = "rg-app"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [var.nic_id]
}
