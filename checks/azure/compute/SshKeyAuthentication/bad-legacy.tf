resource "azurerm_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg"
  location              = "westeurope"
  vm_size               = "Standard_B2s"
  network_interface_ids = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]

  os_profile_linux_config {
    disable_password_authentication = false
#                                     ^^^^^ AZ-VM-001
  }
}
