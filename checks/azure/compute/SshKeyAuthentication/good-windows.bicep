// Windows profiles are not applicable; the second VM proves the binding.
resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      windowsConfiguration: { provisionVMAgent: true }
    }
  }
}

resource linux 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      linuxConfiguration: { disablePasswordAuthentication: true }
    }
  }
}
