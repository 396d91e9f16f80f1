//===- Registry.cpp - The built-in Google Cloud checks --------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.
const Check &computeFirewallSshRestricted();
const Check &computeFirewallRdpRestricted();
const Check &computeNoDefaultServiceAccountFullScope();
const Check &storageUniformBucketLevelAccess();
const Check &storageNoPublicBucketAccess();
const Check &gkeControlPlaneAccessRestricted();
const Check &gcpKmsKeyRotation();
const Check &sqlNoInternetAuthorizedNetworks();
const Check &sqlEncryptedConnections();

void appendGoogleChecks(std::vector<const Check *> &Out) {
  Out.push_back(&computeFirewallSshRestricted());            // GCP-COMPUTE-001
  Out.push_back(&computeFirewallRdpRestricted());            // GCP-COMPUTE-002
  Out.push_back(&computeNoDefaultServiceAccountFullScope()); // GCP-COMPUTE-003
  Out.push_back(&storageUniformBucketLevelAccess());         // GCP-GCS-001
  Out.push_back(&storageNoPublicBucketAccess());             // GCP-GCS-002
  Out.push_back(&gkeControlPlaneAccessRestricted());         // GCP-GKE-001
  Out.push_back(&gcpKmsKeyRotation());                       // GCP-KMS-001
  Out.push_back(&sqlNoInternetAuthorizedNetworks());         // GCP-SQL-001
  Out.push_back(&sqlEncryptedConnections());                 // GCP-SQL-002
}

} // namespace rampart::checks
