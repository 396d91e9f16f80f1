// A missing enableIPForwarding is false.
resource r 'Microsoft.Network/networkInterfaces@2023-09-01' = {
  name: 'nic-app'
  location: 'westeurope'
  properties: {
  }
}
