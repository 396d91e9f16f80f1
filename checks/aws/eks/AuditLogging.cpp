//===- AuditLogging.cpp - AWS-EKS-003 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

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
          .build();
  return C;
}

} // namespace rampart::checks
