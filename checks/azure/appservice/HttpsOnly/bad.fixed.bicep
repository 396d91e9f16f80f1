resource r 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
    httpsOnly: true
//             ^^^^^ AZ-APP-001
  }
}
