resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  secure_boot_enabled   = true
  vtpm_enabled          = true
  #                       ^^^^^ AZ-VM-004
}
