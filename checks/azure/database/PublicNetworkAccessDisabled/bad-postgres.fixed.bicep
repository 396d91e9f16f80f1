resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2023-06-01-preview' = {
  name: 'pg-app'
  location: 'westeurope'
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    network: { publicNetworkAccess: 'Disabled' }
//                                  ^^^^^^^^^ AZ-DB-002
  }
}
