// No configuration child: the server default (secure transport on, TLS 1.2).
resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-06-30' = {
  name: 'mysql-orders'
  location: 'westeurope'
}
