resource "azurerm_linux_web_app" "this" {
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"

  site_config {}

  https_only = true
#              ^^^^^ AZ-APP-001
}
