resource nic 'Microsoft.Network/networkInterfaces@2023-09-01' = {
  name: 'nic-app'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app' }
        }
      }
    ]
  }
}
