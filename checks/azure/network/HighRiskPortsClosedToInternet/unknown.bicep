param dbPort string

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-db'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-db'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: dbPort
        }
      }
    ]
  }
}
