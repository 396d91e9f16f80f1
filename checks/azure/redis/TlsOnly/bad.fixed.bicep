resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
    enableNonSslPort: false
//                    ^^^^ AZ-REDIS-001
  }
}
