param setting bool

resource r 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
    httpsOnly: setting
  }
}
