# No identity block.
resource "azurerm_windows_function_app" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-APP-006
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"
  identity {
    type = "SystemAssigned"
  }

  site_config {}
}
