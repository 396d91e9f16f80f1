resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-cache'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-memcached'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
          protocol: 'Udp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '11211'
//                              ^^^^^^^ AZ-NET-004
        }
      }
    ]
  }
}
