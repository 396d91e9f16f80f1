resource "azurerm_windows_virtual_machine" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-VM-003
  name                  = "vm-app"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  admin_password        = "P@ssw0rd1234!"
  network_interface_ids = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
}
