resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-SQL-001
  name: 'sql-orders'
  location: 'westeurope'
}

resource sqlOff 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-billing'
  location: 'westeurope'
}

resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-05-01-preview' = {
  parent: sqlOff
  name: 'default'
  properties: {
    state: 'Disabled'
//         ^^^^^^^^^^ AZ-SQL-001
  }
}
