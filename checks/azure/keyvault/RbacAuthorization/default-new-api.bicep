// From apiVersion 2026-02-01 new vaults use RBAC by default.
resource kv 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }

  }
}
