resource "azurerm_linux_web_app" "app" {
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"

  site_config {
    ftps_state = "FtpsOnly"
#                ^^^^^^^^^^^^ AZ-APP-003
  }
}
