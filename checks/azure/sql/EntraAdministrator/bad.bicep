// SQL authentication only.
resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-SQL-002
    minimalTlsVersion: '1.2'
    administratorLogin: 'sqladmin'
    administratorLoginPassword: 'P@ssw0rd1234!'
  }
}
