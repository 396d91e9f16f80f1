resource r 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
    minimalTlsVersion: '1.2'
//                     ^^^^^ AZ-SQL-003
  }
}
