resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
  }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-01-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-01-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}
