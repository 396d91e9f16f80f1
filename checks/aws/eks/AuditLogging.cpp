//===- AuditLogging.cpp - AWS-EKS-003 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// A list holding "audit", as strings (Terraform) or {Type: ...}
/// objects (CloudFormation).
std::optional<bool> includesAudit(const Value &Types) {
  if (!Types.is(model::ValueKind::Array))
    return std::nullopt;
  bool Unknown = false;
  for (const Value &T : Types.items()) {
    const Value *Name = T.is(model::ValueKind::Object) ? T.get("Type") : &T;
    if (!Name || !Name->isKnown()) {
      Unknown = true;
      continue;
    }
    if (equalsInsensitive(*Name, "audit").isTrue())
      return true;
  }
  if (Unknown)
    return std::nullopt;
  return false;
}

/// Whether a log type entry (a string, or a {Type: ...} object) is Name.
bool isLogType(const Value &Entry, llvm::StringRef Name) {
  const Value *T =
      Entry.is(model::ValueKind::Object) ? Entry.get("Type") : &Entry;
  return T && equalsInsensitive(*T, Name).isTrue();
}

/// The enabled log types with audit and authenticator added, the others
/// kept. The whole list is set (elements cannot be edited one by one), so
/// only a missing or fully known list gets a fix.
FixRecipe addAuditLogTypes(bool AsObjects) {
  return [AsObjects](const Subject &, const Evaluation &E,
                     const Binding &) -> std::vector<FixIntent> {
    if (E.Path.empty())
      return {};
    std::vector<Value> Types;
    if (E.Where) {
      if (!E.Where->is(model::ValueKind::Array) || !E.Where->isFullyKnown())
        return {};
      Types.assign(E.Where->items().begin(), E.Where->items().end());
    }
    for (llvm::StringRef Name : {"audit", "authenticator"}) {
      if (llvm::any_of(Types,
                       [&](const Value &T) { return isLogType(T, Name); }))
        continue;
      Value N = Value::string(Name.str());
      Types.push_back(AsObjects ? Value::object({{"Type", {}, N}}) : N);
    }
    return {{FixIntent::Action::Set, E.Path.front(),
             Value::array(std::move(Types))}};
  };
}

} // namespace

const Check &eksAuditLogging() {

  static const Check C =
      CheckBuilder("AWS-EKS-003", __FILE__)
          .title("EKS clusters should send control-plane audit logs")
          .severity(Level::Medium)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .why("The Kubernetes audit log records every API request, including "
               "kubectl exec and secret reads; without it they leave no trace.")
          .remediation("Enable the audit and authenticator control-plane logs "
                       "and set a CloudWatch retention")
          .reference("Checkov CKV_AWS_37")
          .onCloudFormation({"AWS::EKS::Cluster"},
                            property("Logging.ClusterLogging.EnabledTypes")
                                .must(includesAudit, "includes audit")
                                .missingIsUnhealthy())
          .onTerraform("aws", {"aws_eks_cluster"},
                       property("enabled_cluster_log_types")
                           .must(includesAudit, "includes audit")
                           .missingIsUnhealthy())
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               addAuditLogTypes(true))
          .fixFor(Family::Terraform, addAuditLogTypes(false))
          .fixTitle("Enable the audit and authenticator logs")
          .build();
  return C;
}

} // namespace rampart::checks
