variable "scope" {}

resource "azurerm_role_definition" "deployer" {
  name  = "Deployer"
  scope = var.scope

  permissions {
    actions     = ["*"]
  }
}
