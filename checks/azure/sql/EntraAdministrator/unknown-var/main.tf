variable "entra_admins" {}

# Whether the block exists depends on a variable without a value.
resource "azurerm_mssql_server" "app" {
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"

  dynamic "azuread_administrator" {
    for_each = var.entra_admins
    content {
      login_username = azuread_administrator.value.login
      object_id      = azuread_administrator.value.object_id
    }
  }
}
