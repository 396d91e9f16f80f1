// A missing enableNonSslPort is false (and TLS 1.2).
resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
  }
}
