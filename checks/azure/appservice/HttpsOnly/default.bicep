// A missing httpsOnly is false.
resource r 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-APP-001
  }
}
