resource "azurerm_linux_web_app" "app" {
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"

  site_config {
    scm_minimum_tls_version = "1.2"
#                             ^^^^^ AZ-APP-002
  }
}
