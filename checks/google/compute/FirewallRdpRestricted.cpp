//===- FirewallRdpRestricted.cpp - GCP-COMPUTE-002 ------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/compute/Firewall.h"

namespace rampart::checks {

using namespace check;

namespace {

// RDP listens on UDP 3389 too (RDP 8.0's UDP transport).
Evaluation rdpOpenToInternet(const Subject &S) {
  return google::firewallOpensToInternet(S, {3389, /*Udp=*/true, "RDP"});
}

} // namespace

const Check &computeFirewallRdpRestricted() {
  static const Check C =
      CheckBuilder("GCP-COMPUTE-002", __FILE__)
          .title("VPC firewall rules should not allow RDP (3389) from the "
                 "internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-GCP", "3.7")
          .why("RDP open to the whole internet is a favourite target of "
               "brute-force attacks and remote-code-execution exploits "
               "against Windows instances.")
          .remediation("Restrict RDP to IAP TCP forwarding or a management "
                       "range")
          .reference("Checkov CKV_GCP_3")
          .reference("Trivy AVD-GCP-0070")
          .onTerraform("google", {"google_compute_firewall"}, rdpOpenToInternet)
          // No automated fix: the admin range (IAP's 35.235.240.0/20 or a
          // corporate one) is the user's choice, and it applies to every port
          // the rule allows.
          .build();
  return C;
}

} // namespace rampart::checks
