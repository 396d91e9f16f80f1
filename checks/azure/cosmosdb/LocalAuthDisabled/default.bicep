// A missing disableLocalAuth is false.
resource r 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-COSMOS-002
  }
}
