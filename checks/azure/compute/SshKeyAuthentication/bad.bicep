resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      adminPassword: 'P@ssw0rd1234!'
      linuxConfiguration: {
        disablePasswordAuthentication: false
//                                     ^^^^^ AZ-VM-001
      }
    }
  }
}
