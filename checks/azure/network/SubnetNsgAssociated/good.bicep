resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-app'
  location: 'westeurope'
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [
      { name: 'app', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.id } } }
      { name: 'AzureFirewallSubnet', properties: { addressPrefix: '10.0.254.0/26' } }
    ]
  }
}

resource data 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'data'
  properties: {
    addressPrefix: '10.0.2.0/24'
    // An NSG of another deployment still protects the subnet.
    networkSecurityGroup: { id: '/subscriptions/0/resourceGroups/rg-shared/providers/Microsoft.Network/networkSecurityGroups/nsg-shared' }
  }
}
