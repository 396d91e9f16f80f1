resource r 'Microsoft.Network/networkInterfaces@2023-09-01' = {
  name: 'nic-app'
  location: 'westeurope'
  properties: {
    enableIPForwarding: false
//                      ^^^^ AZ-NET-005
  }
}
