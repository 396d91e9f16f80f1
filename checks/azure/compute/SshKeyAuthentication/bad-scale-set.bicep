resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-app'
  location: 'westeurope'
  properties: {
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: 'app'
        adminUsername: 'azureuser'
        linuxConfiguration: { disablePasswordAuthentication: false }
//                                                           ^^^^^ AZ-VM-001
      }
    }
  }
}
