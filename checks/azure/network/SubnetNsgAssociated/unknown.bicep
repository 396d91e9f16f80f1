param nsgId string

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [
      { name: 'app', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsgId } } }
    ]
  }
}
