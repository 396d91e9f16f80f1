resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_D2s_v5' }
    securityProfile: {
      encryptionAtHost: true
//                      ^^^^^ AZ-VM-002
    }
  }
}

// Another extension does not encrypt the disks.
resource monitor 'Microsoft.Compute/virtualMachines/extensions@2023-09-01' = {
  parent: vm
  name: 'AzureMonitorLinuxAgent'
  location: 'westeurope'
  properties: {
    publisher: 'Microsoft.Azure.Monitor'
    type: 'AzureMonitorLinuxAgent'
    typeHandlerVersion: '1.0'
  }
}
