resource r 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
    publicNetworkAccess: 'Enabled'
//                       ^^^^^^^^^ AZ-DB-002
  }
}
