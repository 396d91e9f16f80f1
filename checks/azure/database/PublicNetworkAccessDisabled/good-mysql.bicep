resource pg 'Microsoft.DBforMySQL/flexibleServers@2023-06-01-preview' = {
  name: 'pg-app'
  location: 'westeurope'
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '8.0.21'
    network: { publicNetworkAccess: 'Disabled' }
  }
}
