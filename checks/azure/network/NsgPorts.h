//===- NsgPorts.h - NSG port checks (AZ-NET-001/002/004) -------*- C++ -*-===//
//
// The NSG port checks differ only in the ports they close: each evaluates
// the NSG effective decision (catalog §1.3) for internet traffic to its
// ports, and points a finding at the deciding rule's port range.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AZURE_NETWORK_NSGPORTS_H
#define RAMPART_CHECKS_AZURE_NETWORK_NSGPORTS_H

#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/Check.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace rampart::checks::azure {

struct InternetPort {
  check::IpProtocol Protocol;
  int Port;
};

inline std::string describePort(const InternetPort &P) {
  return (P.Protocol == check::IpProtocol::Tcp ? "TCP " : "UDP ") +
         std::to_string(P.Port);
}

/// Unhealthy when the NSG lets the internet reach one of Ports (the first,
/// in order); else unknown when that cannot be told for one; else healthy.
inline check::Evaluation
nsgClosesToInternet(const check::Subject &S,
                    llvm::ArrayRef<InternetPort> Ports) {
  using namespace check;
  bool Arm = familyOf(S.Resource.TheDialect) == Family::Arm;
  std::string RulesPath = Arm ? "properties.securityRules" : "security_rule";
  NsgRules Rules = nsgRules(S.Unit, S.Resource);
  Evaluation Unknown;
  for (const InternetPort &P : Ports) {
    NsgDecision D = internetInboundDecision(Rules, P.Port, P.Protocol);
    if (D.Allowed == Truth::True) {
      std::string Rule = D.Rule ? D.Rule->name() : "";
      return {Outcome::Unhealthy,
              D.Where,
              {RulesPath},
              "allows " + describePort(P) + " from the internet" +
                  (Rule.empty() ? "" : " (rule '" + Rule + "')")};
    }
    if (D.Allowed == Truth::Unknown && Unknown.Result != Outcome::Unknown) {
      std::string Why = D.Reason;
      if (Why.empty() && D.Where && D.Where->is(model::ValueKind::Unknown))
        Why = D.Where->asString().str();
      else if (Why.empty() && D.Where &&
               D.Where->is(model::ValueKind::Expression))
        Why = "'" + D.Where->asString().str() + "' is not known statically";
      Unknown = {Outcome::Unknown,
                 D.Where,
                 {RulesPath},
                 "whether the internet can reach " + describePort(P) +
                     " is unknown" + (Why.empty() ? "" : ": " + Why)};
    }
  }
  if (Unknown.Result == Outcome::Unknown)
    return Unknown;
  return Evaluation::healthy();
}

} // namespace rampart::checks::azure

#endif
