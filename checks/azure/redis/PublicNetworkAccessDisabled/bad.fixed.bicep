resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
//                       ^^^^^^^^^ AZ-REDIS-002
  }
}
