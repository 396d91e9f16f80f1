param vnetName string
param addressPrefix string
param subnetPrefixLength int = 24

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: vnetName
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'default'
        properties: {
          addressPrefix: replace(addressPrefix, '/16', '/${subnetPrefixLength}')
        }
      }
    ]
  }
}

output subnetName string = '${vnetName}-default'
