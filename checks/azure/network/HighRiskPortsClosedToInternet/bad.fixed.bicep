resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-db'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-sql'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '1433'
//                              ^^^^^^ AZ-NET-004
        }
      }
    ]
  }
}
