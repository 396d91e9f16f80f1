resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
  }
}

resource data 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-010
  parent: vnet
  name: 'data'
  properties: { addressPrefix: '10.0.2.0/24' }
}
