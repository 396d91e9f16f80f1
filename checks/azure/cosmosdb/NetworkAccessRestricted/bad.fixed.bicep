resource r 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-app'
  location: 'westeurope'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: 'westeurope' } ]
    publicNetworkAccess: 'Disabled'
//                       ^^^^^^^^^ AZ-COSMOS-001
    ipRules: [ { ipAddressOrRange: '0.0.0.0' } ]
  }
}
