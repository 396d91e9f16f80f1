resource "azurerm_linux_virtual_machine" "app" {
  name                       = "vm-app"
  resource_group_name        = "rg"
  location                   = "westeurope"
  size                       = "Standard_D2s_v5"
  admin_username             = "azureuser"
  network_interface_ids      = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  encryption_at_host_enabled = true
  #                            ^^^^^ AZ-VM-002
}
