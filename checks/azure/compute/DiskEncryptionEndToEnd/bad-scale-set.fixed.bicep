resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-app'
  location: 'westeurope'
  sku: { name: 'Standard_D2s_v5', capacity: 2 }
  properties: {
    virtualMachineProfile: {
      securityProfile: {
        encryptionAtHost: true
//                        ^^^^^ AZ-VM-002
      }
    }
  }
}
