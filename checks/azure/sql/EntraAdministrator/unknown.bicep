param adminType string

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
    minimalTlsVersion: '1.2'
    administrators: {
      administratorType: adminType
      login: 'sql-admins'
      sid: '00000000-0000-0000-0000-000000000001'
      tenantId: subscription().tenantId
    }
  }
}
