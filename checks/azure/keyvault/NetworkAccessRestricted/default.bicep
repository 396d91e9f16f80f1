// Missing values are Enabled and Allow.
resource r 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-KV-003
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}
