param disablePasswords bool

resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: disablePasswords
      }
    }
  }
}
