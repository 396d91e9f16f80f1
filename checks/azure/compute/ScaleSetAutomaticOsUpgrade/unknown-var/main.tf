variable "auto_upgrade" {
  type = bool
}

resource "azurerm_linux_virtual_machine_scale_set" "app" {
  name                = "vmss-app"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard_B2s"
  instances           = 2
  admin_username      = "azureuser"
  upgrade_mode        = "Automatic"

  automatic_os_upgrade_policy {
    automatic_os_upgrade_enabled = var.auto_upgrade
    disable_automatic_rollback   = false
  }
}
