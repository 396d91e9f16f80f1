//===- FirewallSshRestricted.cpp - GCP-COMPUTE-001 ------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/compute/Firewall.h"

namespace rampart::checks {

using namespace check;

namespace {

Evaluation sshOpenToInternet(const Subject &S) {
  return google::firewallOpensToInternet(S, {22, /*Udp=*/false, "SSH"});
}

} // namespace

const Check &computeFirewallSshRestricted() {
  static const Check C =
      CheckBuilder("GCP-COMPUTE-001", __FILE__)
          .title("VPC firewall rules should not allow SSH (22) from the "
                 "internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-GCP", "3.6")
          .why("SSH open to the whole internet invites password guessing, "
               "credential stuffing and exploits against the SSH daemon on "
               "every instance the rule targets.")
          .remediation("Limit SSH to Identity-Aware Proxy's range "
                       "(35.235.240.0/20) or a corporate range and use OS "
                       "Login; delete broad default-allow-ssh-style rules")
          .reference("Checkov CKV_GCP_2")
          .reference("Trivy AVD-GCP-0071")
          .onTerraform("google", {"google_compute_firewall"}, sshOpenToInternet)
          // No automated fix: the admin range (IAP's 35.235.240.0/20 or a
          // corporate one) is the user's choice, and it applies to every port
          // the rule allows.
          .build();
  return C;
}

} // namespace rampart::checks
