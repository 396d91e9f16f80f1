resource "azurerm_role_definition" "deployer" {
  name  = "Deployer"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    actions     = ["*"]
#                  ^^^ AZ-IAM-001
  }
}
