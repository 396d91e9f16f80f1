resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
    minimalTlsVersion: '1.2'
    administratorLogin: 'sqladmin'
    administratorLoginPassword: 'P@ssw0rd1234!'
  }
}

resource admin 'Microsoft.Sql/servers/administrators@2023-08-01-preview' = {
  parent: sql
  name: 'ActiveDirectory'
  properties: {
    administratorType: 'ActiveDirectory'
    login: 'sql-admins'
    sid: '00000000-0000-0000-0000-000000000001'
    tenantId: subscription().tenantId
  }
}
