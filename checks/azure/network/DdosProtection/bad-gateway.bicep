// An application gateway's public frontend in a subnet of the network.
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-NET-008
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
  }
}

resource agwSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'agw'
  properties: { addressPrefix: '10.0.2.0/24' }
}

resource pip 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-agw'
  location: 'westeurope'
  sku: { name: 'Standard' }
  properties: {
    publicIPAllocationMethod: 'Static'
    ddosSettings: { protectionMode: 'VirtualNetworkInherited' }
  }
}

resource agw 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: 'agw-app'
  location: 'westeurope'
  properties: {
    gatewayIPConfigurations: [
      { name: 'gw', properties: { subnet: { id: agwSubnet.id } } }
    ]
    frontendIPConfigurations: [
      { name: 'public', properties: { publicIPAddress: { id: pip.id } } }
    ]
  }
}
