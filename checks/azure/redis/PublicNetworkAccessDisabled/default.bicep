// A missing publicNetworkAccess is Enabled.
resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-REDIS-002
    minimumTlsVersion: '1.2'
  }
}
