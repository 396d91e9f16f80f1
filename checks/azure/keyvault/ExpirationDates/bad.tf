resource "azurerm_key_vault_secret" "db" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-KV-005
  name         = "db-password"
  value        = "not-a-real-secret"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-app"
}
