//===- Registry.cpp - The built-in Azure checks ---------------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.
const Check &acrAdminUserDisabled();
const Check &acrAnonymousPullDisabled();
const Check &acrNetworkAccessRestricted();
const Check &aksApiServerAccessRestricted();
const Check &aksAzurePolicyAddon();
const Check &aksKubernetesRbac();
const Check &aksLocalAccountsDisabled();
const Check &aksNetworkPolicy();
const Check &appBasicPublishingDisabled();
const Check &appCorsNoWildcard();
const Check &appFtpsOnly();
const Check &appHttpsOnly();
const Check &appManagedIdentity();
const Check &appMinimumTlsVersion();
const Check &appRemoteDebuggingDisabled();
const Check &cosmosLocalAuthDisabled();
const Check &cosmosNetworkAccessRestricted();
const Check &databasePublicNetworkAccessDisabled();
const Check &defenderPlansNotFree();
const Check &iamNoWildcardCustomRoles();
const Check &keyVaultExpirationDates();
const Check &keyVaultNetworkAccessRestricted();
const Check &keyVaultPurgeProtection();
const Check &keyVaultRbacAuthorization();
const Check &keyVaultSoftDelete();
const Check &networkIpForwardingDisabled();
const Check &networkNoPublicIpOnNic();
const Check &redisPublicNetworkAccessDisabled();
const Check &redisTlsOnly();
const Check &sqlAuditRetention();
const Check &sqlEntraAdministrator();
const Check &sqlMinimumTlsVersion();
const Check &sqlTransparentDataEncryption();
const Check &storageMinimumTlsVersion();
const Check &storageNoAnonymousBlobAccess();
const Check &storageSecureTransfer();
const Check &storageSharedKeyAccessDisabled();
const Check &vmPeriodicPatchAssessment();
const Check &vmSshKeyAuthentication();
const Check &vmTrustedLaunch();
const Check &vmssAutomaticOsUpgrade();

void appendAzureChecks(std::vector<const Check *> &Out) {
  Out.push_back(&acrAdminUserDisabled());                // AZ-ACR-001
  Out.push_back(&acrNetworkAccessRestricted());          // AZ-ACR-002
  Out.push_back(&acrAnonymousPullDisabled());            // AZ-ACR-003
  Out.push_back(&aksKubernetesRbac());                   // AZ-AKS-001
  Out.push_back(&aksApiServerAccessRestricted());        // AZ-AKS-002
  Out.push_back(&aksAzurePolicyAddon());                 // AZ-AKS-003
  Out.push_back(&aksLocalAccountsDisabled());            // AZ-AKS-004
  Out.push_back(&aksNetworkPolicy());                    // AZ-AKS-005
  Out.push_back(&appHttpsOnly());                        // AZ-APP-001
  Out.push_back(&appMinimumTlsVersion());                // AZ-APP-002
  Out.push_back(&appFtpsOnly());                         // AZ-APP-003
  Out.push_back(&appRemoteDebuggingDisabled());          // AZ-APP-004
  Out.push_back(&appCorsNoWildcard());                   // AZ-APP-005
  Out.push_back(&appManagedIdentity());                  // AZ-APP-006
  Out.push_back(&appBasicPublishingDisabled());          // AZ-APP-007
  Out.push_back(&cosmosNetworkAccessRestricted());       // AZ-COSMOS-001
  Out.push_back(&cosmosLocalAuthDisabled());             // AZ-COSMOS-002
  Out.push_back(&databasePublicNetworkAccessDisabled()); // AZ-DB-002
  Out.push_back(&defenderPlansNotFree());                // AZ-DEFENDER-001
  Out.push_back(&iamNoWildcardCustomRoles());            // AZ-IAM-001
  Out.push_back(&keyVaultPurgeProtection());             // AZ-KV-001
  Out.push_back(&keyVaultSoftDelete());                  // AZ-KV-002
  Out.push_back(&keyVaultNetworkAccessRestricted());     // AZ-KV-003
  Out.push_back(&keyVaultRbacAuthorization());           // AZ-KV-004
  Out.push_back(&keyVaultExpirationDates());             // AZ-KV-005
  Out.push_back(&networkIpForwardingDisabled());         // AZ-NET-005
  Out.push_back(&networkNoPublicIpOnNic());              // AZ-NET-006
  Out.push_back(&redisTlsOnly());                        // AZ-REDIS-001
  Out.push_back(&redisPublicNetworkAccessDisabled());    // AZ-REDIS-002
  Out.push_back(&sqlEntraAdministrator());               // AZ-SQL-002
  Out.push_back(&sqlMinimumTlsVersion());                // AZ-SQL-003
  Out.push_back(&sqlTransparentDataEncryption());        // AZ-SQL-004
  Out.push_back(&sqlAuditRetention());                   // AZ-SQL-006
  Out.push_back(&storageSecureTransfer());               // AZ-STORAGE-001
  Out.push_back(&storageMinimumTlsVersion());            // AZ-STORAGE-002
  Out.push_back(&storageNoAnonymousBlobAccess());        // AZ-STORAGE-003
  Out.push_back(&storageSharedKeyAccessDisabled());      // AZ-STORAGE-007
  Out.push_back(&vmSshKeyAuthentication());              // AZ-VM-001
  Out.push_back(&vmPeriodicPatchAssessment());           // AZ-VM-003
  Out.push_back(&vmTrustedLaunch());                     // AZ-VM-004
  Out.push_back(&vmssAutomaticOsUpgrade());              // AZ-VMSS-001
}

} // namespace rampart::checks
