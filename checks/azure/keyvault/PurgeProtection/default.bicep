resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-KV-001
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}
