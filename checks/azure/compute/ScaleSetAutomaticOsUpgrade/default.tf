resource "azurerm_windows_virtual_machine_scale_set" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-VMSS-001
  name                = "vmss-app"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard_B2s"
  instances           = 2
  admin_username      = "azureuser"
  admin_password      = "P@ssw0rd1234!"
}
