//===- Firewall.h - VPC firewall rules open to the internet -----*- C++ -*-===//
//
// GCP-COMPUTE-001 and GCP-COMPUTE-002 ask the same question of a
// `google_compute_firewall` for different ports: does this enabled ingress
// rule allow the port from the internet?
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_GOOGLE_COMPUTE_FIREWALL_H
#define RAMPART_CHECKS_GOOGLE_COMPUTE_FIREWALL_H

#include "analyzer/check/Check.h"

#include "llvm/ADT/StringRef.h"

namespace rampart::checks::google {

/// How a management port is reached: its number, whether UDP reaches it
/// too, and its name for messages ("SSH").
struct ManagementPort {
  int Port;
  bool Udp;
  llvm::StringRef Name;
};

/// Unhealthy when the rule is ingress (the default), not disabled, has an
/// `allow` block whose protocol and ports cover the port, and its sources
/// are the internet: an internet CIDR in `source_ranges`, or no
/// `source_ranges`, `source_tags` or `source_service_accounts` at all (GCP
/// then applies the rule to 0.0.0.0/0). Egress rules are not applicable.
check::Evaluation firewallOpensToInternet(const check::Subject &S,
                                          const ManagementPort &P);

} // namespace rampart::checks::google

#endif
