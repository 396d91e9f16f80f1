variable "expiry" {}

resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  value           = "not-a-real-secret"
  key_vault_id    = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-app"
  expiration_date = var.expiry
}
