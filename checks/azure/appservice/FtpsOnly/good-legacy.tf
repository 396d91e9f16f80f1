resource "azurerm_app_service" "app" {
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  app_service_plan_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"

  site_config {
    ftps_state = "Disabled"
  }
}
