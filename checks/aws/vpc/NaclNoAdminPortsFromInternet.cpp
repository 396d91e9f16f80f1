//===- NaclNoAdminPortsFromInternet.cpp - AWS-VPC-003 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/NetworkAcl.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// Why a value cannot be judged, for a message.
std::string whyUnknown(const Value *V) {
  if (!V)
    return "an entry is not known";
  if (V->is(ValueKind::Unknown))
    return V->asString().str();
  if (V->is(ValueKind::Expression))
    return "'" + V->asString().str() + "' is known only after deployment";
  return describeValue(*V) + " cannot be judged";
}

/// A value in another file (a module's entry) is not where the reader of
/// this ACL looks: the finding then goes to the ACL itself.
const Value *inFileOf(const model::Resource &R, const Value *V) {
  if (V && V->origin().File == R.Declaration.File)
    return V;
  return nullptr;
}

Evaluation adminPortsDenied(const Subject &S) {
  std::vector<aws::NaclEntry> Entries = aws::networkAclEntries(S);
  std::optional<Evaluation> Unknown;
  for (int Port : {22, 3389}) {
    aws::NaclDecision D = aws::naclIngressFromInternet(Entries, Port);
    std::string Traffic = "TCP " + std::to_string(Port) + " from the internet";
    if (D.Allows == Truth::True) {
      std::string Rule = D.Entry && D.Entry->RuleNumber
                             ? "rule " + describeValue(*D.Entry->RuleNumber)
                             : std::string("an entry");
      return {Outcome::Unhealthy,
              inFileOf(S.Resource, D.Where),
              {},
              Rule + " allows " + Traffic +
                  (D.Where ? " (" + describeValue(*D.Where) + ")" : "")};
    }
    if (D.Allows == Truth::Unknown && !Unknown)
      Unknown = Evaluation{Outcome::Unknown,
                           inFileOf(S.Resource, D.Where),
                           {},
                           "whether the ACL allows " + Traffic +
                               " is not known: " + whyUnknown(D.Where)};
  }
  return Unknown ? *Unknown : Evaluation::healthy();
}

} // namespace

const Check &vpcNaclNoAdminPortsFromInternet() {
  static const Check C =
      CheckBuilder("AWS-VPC-003", __FILE__)
          .title("Network ACLs should not allow SSH (22) or RDP (3389) from "
                 "the internet")
          .severity(Level::Medium)
          .control("Secure management ports")
          .compliance("MCSB", "NS-1")
          .compliance("CIS-AWS", "5.1")
          .compliance("FSBP", "EC2.21")
          .why("Network ACLs are a coarse second layer in front of security "
               "groups; an entry that lets the internet reach SSH or Remote "
               "Desktop removes that layer for every subnet the ACL "
               "guards.")
          .remediation("Add deny entries for 22 and 3389 from the internet "
                       "with a lower rule number than any broad allow")
          // Entries join their ACL by NetworkAclId / network_acl_id; the
          // decision is by rule number, first match wins, implicit deny.
          .onCloudFormation({"AWS::EC2::NetworkAcl"}, adminPortsDenied)
          .onTerraform("aws", {"aws_network_acl", "aws_default_network_acl"},
                       adminPortsDenied)
          // No automated fix: the deny entries to add, and their rule numbers,
          // are new list elements or resources.
          .build();
  return C;
}

} // namespace rampart::checks
