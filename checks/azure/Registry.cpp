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
const Check &databaseFirewallNotOpenToInternet();
const Check &databasePublicNetworkAccessDisabled();
const Check &databaseSecureTransportRequired();
const Check &defenderPlansNotFree();
const Check &iamNoPrivilegedWorkloadRoles();
const Check &iamNoWildcardCustomRoles();
const Check &keyVaultExpirationDates();
const Check &keyVaultNetworkAccessRestricted();
const Check &keyVaultPurgeProtection();
const Check &keyVaultRbacAuthorization();
const Check &keyVaultSoftDelete();
const Check &monitorResourceLogsEnabled();
const Check &networkDdosProtection();
const Check &networkFlowLogsEnabled();
const Check &networkHighRiskPortsClosed();
const Check &networkInternetFacingVmNsg();
const Check &networkIpForwardingDisabled();
const Check &networkNoPublicIpOnNic();
const Check &networkRdpClosedToInternet();
const Check &networkSshClosedToInternet();
const Check &networkSubnetNsgAssociated();
const Check &networkWafPreventionMode();
const Check &redisPublicNetworkAccessDisabled();
const Check &redisTlsOnly();
const Check &sqlAuditRetention();
const Check &sqlAuditingEnabled();
const Check &sqlDefenderEnabled();
const Check &sqlEntraAdministrator();
const Check &sqlMinimumTlsVersion();
const Check &sqlTransparentDataEncryption();
const Check &storageBlobContainersPrivate();
const Check &storageMinimumTlsVersion();
const Check &storageNetworkAccessRestricted();
const Check &storageNoAnonymousBlobAccess();
const Check &storagePrivateEndpoint();
const Check &storageSecureTransfer();
const Check &storageSharedKeyAccessDisabled();
const Check &vmDiskEncryptionEndToEnd();
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
  Out.push_back(&databaseFirewallNotOpenToInternet());   // AZ-DB-001
  Out.push_back(&databasePublicNetworkAccessDisabled()); // AZ-DB-002
  Out.push_back(&databaseSecureTransportRequired());     // AZ-DB-003
  Out.push_back(&defenderPlansNotFree());                // AZ-DEFENDER-001
  Out.push_back(&iamNoWildcardCustomRoles());            // AZ-IAM-001
  Out.push_back(&iamNoPrivilegedWorkloadRoles());        // AZ-IAM-002
  Out.push_back(&keyVaultPurgeProtection());             // AZ-KV-001
  Out.push_back(&keyVaultSoftDelete());                  // AZ-KV-002
  Out.push_back(&keyVaultNetworkAccessRestricted());     // AZ-KV-003
  Out.push_back(&keyVaultRbacAuthorization());           // AZ-KV-004
  Out.push_back(&keyVaultExpirationDates());             // AZ-KV-005
  Out.push_back(&monitorResourceLogsEnabled());          // AZ-MON-001
  Out.push_back(&networkRdpClosedToInternet());          // AZ-NET-001
  Out.push_back(&networkSshClosedToInternet());          // AZ-NET-002
  Out.push_back(&networkInternetFacingVmNsg());          // AZ-NET-003
  Out.push_back(&networkHighRiskPortsClosed());          // AZ-NET-004
  Out.push_back(&networkIpForwardingDisabled());         // AZ-NET-005
  Out.push_back(&networkNoPublicIpOnNic());              // AZ-NET-006
  Out.push_back(&networkFlowLogsEnabled());              // AZ-NET-007
  Out.push_back(&networkDdosProtection());               // AZ-NET-008
  Out.push_back(&networkWafPreventionMode());            // AZ-NET-009
  Out.push_back(&networkSubnetNsgAssociated());          // AZ-NET-010
  Out.push_back(&redisTlsOnly());                        // AZ-REDIS-001
  Out.push_back(&redisPublicNetworkAccessDisabled());    // AZ-REDIS-002
  Out.push_back(&sqlAuditingEnabled());                  // AZ-SQL-001
  Out.push_back(&sqlEntraAdministrator());               // AZ-SQL-002
  Out.push_back(&sqlMinimumTlsVersion());                // AZ-SQL-003
  Out.push_back(&sqlTransparentDataEncryption());        // AZ-SQL-004
  Out.push_back(&sqlDefenderEnabled());                  // AZ-SQL-005
  Out.push_back(&sqlAuditRetention());                   // AZ-SQL-006
  Out.push_back(&storageSecureTransfer());               // AZ-STORAGE-001
  Out.push_back(&storageMinimumTlsVersion());            // AZ-STORAGE-002
  Out.push_back(&storageNoAnonymousBlobAccess());        // AZ-STORAGE-003
  Out.push_back(&storageBlobContainersPrivate());        // AZ-STORAGE-004
  Out.push_back(&storageNetworkAccessRestricted());      // AZ-STORAGE-005
  Out.push_back(&storagePrivateEndpoint());              // AZ-STORAGE-006
  Out.push_back(&storageSharedKeyAccessDisabled());      // AZ-STORAGE-007
  Out.push_back(&vmSshKeyAuthentication());              // AZ-VM-001
  Out.push_back(&vmDiskEncryptionEndToEnd());            // AZ-VM-002
  Out.push_back(&vmPeriodicPatchAssessment());           // AZ-VM-003
  Out.push_back(&vmTrustedLaunch());                     // AZ-VM-004
  Out.push_back(&vmssAutomaticOsUpgrade());              // AZ-VMSS-001
}

} // namespace rampart::checks
