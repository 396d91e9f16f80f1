// Deliberately insecure: a storage account that accepts plain HTTP and old
// TLS, and a network security group that opens SSH to the internet.
targetScope = 'resourceGroup'

@description('Location for all resources.')
param location string = resourceGroup().location

@minLength(3)
@maxLength(24)
param storageName string = 'st${uniqueString(resourceGroup().id)}'

var sshPort = 22

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageName
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    supportsHttpsTrafficOnly: false
    minimumTlsVersion: 'TLS1_0'
    allowBlobPublicAccess: true
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-web'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: string(sshPort)
        }
      }
    ]
  }
}

module logs 'logs.bicep' = {
  name: 'logs'
  params: {
    location: location
    retentionDays: 7
  }
}

output storageEndpoint string = storage.properties.primaryEndpoints.blob
