// Public and unfiltered by default.
resource r 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-COSMOS-001
    databaseAccountOfferType: 'Standard'
    locations: [ { locationName: 'westeurope' } ]
  }
}
