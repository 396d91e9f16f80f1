resource "azurerm_key_vault_secret" "db" {
  name            = "db-password"
  value           = "not-a-real-secret"
  key_vault_id    = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-app"
  expiration_date = "2030-12-31T00:00:00Z"
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-app"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after         = "P1Y"
    notify_before_expiry = "P30D"
  }
}
