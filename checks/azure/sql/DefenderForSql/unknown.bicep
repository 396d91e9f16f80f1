// Nothing declared: the plan is normally set per subscription.
resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: 'westeurope'
}
