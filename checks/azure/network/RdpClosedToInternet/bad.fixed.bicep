resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-app'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-rdp'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '3389'
//                              ^^^^^^ AZ-NET-001
        }
      }
    ]
  }
}
