resource "azurerm_linux_web_app" "app" {
  name                = "app-web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan"
  ftp_publish_basic_authentication_enabled       = false
#                                                  ^^^^ AZ-APP-007
  webdeploy_publish_basic_authentication_enabled = false

  site_config {}
}
