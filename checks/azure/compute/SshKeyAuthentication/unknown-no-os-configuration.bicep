// Neither configuration: whether the machine runs Linux depends on the image.
resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      adminPassword: 'P@ssw0rd1234!'
    }
  }
}
