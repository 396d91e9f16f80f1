resource r 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-app'
  location: 'westeurope'
  properties: {
    disableLocalAuth: true
//                    ^^^^^ AZ-COSMOS-002
  }
}
