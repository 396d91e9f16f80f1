//===- FlowLogs.cpp - AWS-VPC-001 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Some flow log of the VPC captures ALL or REJECT traffic.
Predicate flowLogged(std::vector<llvm::StringRef> LogTypes,
                     llvm::StringRef VpcProp, std::string Traffic,
                     std::string ResourceType = {}) {
  return [=](const Subject &S) -> Evaluation {
    PropertyRule Captures = property(Traffic).mustBeOneOf(
        {Value::string("ALL"), Value::string("REJECT")});
    std::optional<Evaluation> Best;
    for (const model::Resource *L :
         aws::joinedTo(S.Unit, S.Resource, LogTypes, VpcProp)) {
      if (!ResourceType.empty()) {
        const Value *T = L->Properties.get(ResourceType);
        if (!T || !equalsInsensitive(*T, "VPC").isTrue())
          continue;
      }
      Evaluation E = Captures.evaluate({*L, S.Unit});
      if (E.Result == Outcome::Healthy)
        return E;
      if (!Best || E.Result == Outcome::Unknown)
        Best = E;
    }
    if (Best)
      return *Best;
    return {Outcome::Unhealthy, nullptr, {}, "the VPC has no flow log"};
  };
}

} // namespace

const Check &vpcFlowLogs() {

  static const Check C =
      CheckBuilder("AWS-VPC-001", __FILE__)
          .title("VPCs should have flow logs enabled")
          .severity(Level::Medium)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-4")
          .compliance("CIS-AWS", "3.9")
          .compliance("FSBP", "EC2.6")
          .why("Without flow logs, scanning and exfiltration attempts leave no "
               "trace in the network.")
          .remediation("Capture at least rejected traffic for every VPC and "
                       "send the logs to CloudWatch Logs or S3")
          .reference("Checkov CKV2_AWS_11")
          .onCloudFormation({"AWS::EC2::VPC"},
                            flowLogged({"AWS::EC2::FlowLog"}, "ResourceId",
                                       "TrafficType", "ResourceType"))
          .onTerraform("aws", {"aws_vpc"},
                       flowLogged({"aws_flow_log"}, "vpc_id", "traffic_type"))
          // No automated fix: a flow log is a new resource with a destination
          // and a role the user chooses.
          .build();
  return C;
}

} // namespace rampart::checks
