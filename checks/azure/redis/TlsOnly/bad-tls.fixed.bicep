resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
    sku: { name: 'Standard', family: 'C', capacity: 1 }
    minimumTlsVersion: '1.2'
//                     ^^^^^ AZ-REDIS-001
  }
}
