// The custom domain is covered; the endpoint's default domain is not.
resource profile 'Microsoft.Cdn/profiles@2023-05-01' = {
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-009
  name: 'afd-app'
  location: 'global'
  sku: { name: 'Premium_AzureFrontDoor' }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2023-05-01' = {
  parent: profile
  name: 'app'
  location: 'global'
}

resource domain 'Microsoft.Cdn/profiles/customDomains@2023-05-01' = {
  parent: profile
  name: 'www'
  properties: { hostName: 'www.example.com' }
}

resource waf 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2022-05-01' = {
  name: 'wafapp'
  location: 'global'
  sku: { name: 'Premium_AzureFrontDoor' }
  properties: {
    policySettings: { enabledState: 'Enabled', mode: 'Prevention' }
  }
}

resource security 'Microsoft.Cdn/profiles/securityPolicies@2023-05-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: { id: waf.id }
      associations: [
        { domains: [ { id: domain.id } ], patternsToMatch: [ '/*' ] }
      ]
    }
  }
}
