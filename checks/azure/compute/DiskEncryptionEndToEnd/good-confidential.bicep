resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-cvm'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_DC2as_v5' }
    securityProfile: {
      securityType: 'ConfidentialVM'
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }
    }
    storageProfile: {
      osDisk: {
        createOption: 'FromImage'
        managedDisk: {
          securityProfile: { securityEncryptionType: 'DiskWithVMGuestState' }
        }
      }
    }
  }
}
