resource r 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Disabled'
//                       ^^^^^^^^^ AZ-DB-002
  }
}
