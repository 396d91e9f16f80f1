// Before apiVersion 2026-02-01 a missing value means access policies.
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-KV-004
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }

  }
}
