resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    osProfile: {
      computerName: 'vm-app'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: { publicKeys: [ { path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAA' } ] }
      }
    }
  }
}
