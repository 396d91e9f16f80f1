resource "azurerm_windows_virtual_machine" "app" {
  name                  = "vm-app"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  admin_password        = "P@ssw0rd-not-real"
  network_interface_ids = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
}

resource "azurerm_virtual_machine_extension" "ade" {
  name                 = "AzureDiskEncryption"
  virtual_machine_id   = azurerm_windows_virtual_machine.app.id
  publisher            = "Microsoft.Azure.Security"
  type                 = "AzureDiskEncryption"
  type_handler_version = "2.2"
}
