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
#include "analyzer/check/Property.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

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

/// The suggested fix of an NSG that lets the internet reach one of Ports:
/// set the inline rule that allows it to Deny (the catalog's first choice;
/// it needs review, as the rule may allow other traffic too). A rule that
/// is a resource of its own is that resource's text: no fix here.
inline check::FixRecipe
denyInlineRuleAllowing(std::vector<InternetPort> Ports) {
  return [Ports](const check::Subject &S, const check::Evaluation &,
                 const check::Binding &) -> std::vector<check::FixIntent> {
    using namespace check;
    bool Arm = familyOf(S.Resource.TheDialect) == Family::Arm;
    std::string RulesPath = Arm ? "properties.securityRules" : "security_rule";
    Lookup L = lookupPath(S.Resource.Properties, RulesPath, Arm);
    if (L.Result != Lookup::State::Found ||
        !L.Value->is(model::ValueKind::Array))
      return {};
    NsgRules Rules = nsgRules(S.Unit, S.Resource);
    llvm::ArrayRef<model::Value> Items = L.Value->items();
    for (const InternetPort &P : Ports) {
      NsgDecision D = internetInboundDecision(Rules, P.Port, P.Protocol);
      if (D.Allowed != Truth::True || !D.Rule ||
          D.Rule->Declaring != &S.Resource)
        continue;
      for (size_t I = 0; I < Items.size(); ++I)
        if (&Items[I] == D.Rule->Element)
          return {{FixIntent::Action::Set,
                   RulesPath + "[" + std::to_string(I) + "]" +
                       (Arm ? ".properties.access" : ".access"),
                   model::Value::string("Deny")}};
    }
    return {};
  };
}

} // namespace rampart::checks::azure

#endif
