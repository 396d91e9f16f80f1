// A VM attached from an existing OS disk has no osProfile: not applicable.
resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-attached'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_B2s' }
    storageProfile: {
      osDisk: { createOption: 'Attach', osType: 'Linux', managedDisk: { id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/disks/os' } }
    }
  }
}

resource vm2 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      windowsConfiguration: {
        patchSettings: { assessmentMode: 'AutomaticByPlatform' }
      }
    }
  }
}
