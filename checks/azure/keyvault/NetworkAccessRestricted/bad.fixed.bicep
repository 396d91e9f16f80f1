resource r 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-app'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    publicNetworkAccess: 'Disabled'
//                       ^^^^^^^^^ AZ-KV-003
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}
