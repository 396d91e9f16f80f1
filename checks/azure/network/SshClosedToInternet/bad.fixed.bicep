resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-app'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
          protocol: 'Tcp'
          sourceAddressPrefixes: [ '10.0.0.0/8', '0.0.0.0/0' ]
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
//                              ^^^^ AZ-NET-002
        }
      }
    ]
  }
}
