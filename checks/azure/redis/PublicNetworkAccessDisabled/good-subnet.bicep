resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'cache', properties: { addressPrefix: '10.0.1.0/24' } } ]
  }
}

// A cache injected into a virtual network has no public endpoint.
resource r 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-app'
  location: 'westeurope'
  properties: {
    sku: { name: 'Premium', family: 'P', capacity: 1 }
    subnetId: vnet.properties.subnets[0].id
  }
}
