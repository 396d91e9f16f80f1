param assessmentMode string

resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_B2s' }
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        patchSettings: {
          assessmentMode: assessmentMode
        }
      }
    }
  }
}
