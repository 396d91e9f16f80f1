//===- NoPrivilegedContainers.cpp - AWS-ECS-001 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

#include <nlohmann/json.hpp>

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

Evaluation cfnNoPrivileged(const Subject &S) {
  const Value *Defs = S.Resource.Properties.get("ContainerDefinitions");
  if (!Defs || Defs->isNull())
    return Evaluation::healthy();
  if (!Defs->isKnown())
    return aws::violation({Truth::Unknown, Defs, {}}, "ContainerDefinitions",
                          "");
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  for (const Value &Def : Defs->items()) {
    if (!Def.isKnown()) {
      Parts.push_back(aws::violation({Truth::Unknown, &Def, {}},
                                     "ContainerDefinitions", ""));
      continue;
    }
    const Value *P = Def.get("Privileged");
    if (!P || P->isNull())
      continue;
    Match Privileged = valueEquals(*P, Value::boolean(true), true);
    Parts.push_back(aws::violation(Privileged, "ContainerDefinitions",
                                   "a container is privileged"));
  }
  return aws::allOf(std::move(Parts));
}

/// Terraform takes the definitions as a JSON string (jsonencode or a
/// file); the finding covers the string.
Evaluation tfNoPrivileged(const Subject &S) {
  const Value *Defs = S.Resource.Properties.get("container_definitions");
  std::string Path = "container_definitions";
  if (!Defs || Defs->isNull())
    return {Outcome::Unknown, nullptr, {Path}, Path + " is not set"};
  if (!Defs->is(ValueKind::String))
    return aws::violation({Truth::Unknown, Defs,
                           Defs->isKnown() ? "it is not a JSON string" : ""},
                          Path, "");
  llvm::StringRef Text = Defs->asString();
  nlohmann::json J =
      nlohmann::json::parse(Text.begin(), Text.end(), nullptr, false);
  if (J.is_discarded() || !J.is_array())
    return aws::violation(
        {Truth::Unknown, Defs, "it is not a JSON list of containers"}, Path,
        "");
  for (const nlohmann::json &Def : J) {
    if (!Def.is_object() || !Def.contains("privileged"))
      continue;
    const nlohmann::json &P = Def["privileged"];
    if (P == true || P == "true")
      return {Outcome::Unhealthy, Defs, {Path}, "a container is privileged"};
  }
  return Evaluation::healthy();
}

} // namespace

const Check &ecsNoPrivilegedContainers() {
  static const Check C =
      CheckBuilder("AWS-ECS-001", __FILE__)
          .title("ECS task definitions should not run privileged containers")
          .severity(Level::High)
          .control("Remediate security configurations")
          .compliance("MCSB", "PV-2")
          .compliance("FSBP", "ECS.4")
          .why("A privileged container has root on the host and can escape "
               "to the node and to other tasks.")
          .remediation("Grant the specific Linux capabilities the process "
                       "needs instead of privileged mode")
          .reference("Checkov CKV_AWS_334")
          .onCloudFormation({"AWS::ECS::TaskDefinition"}, cfnNoPrivileged)
          .onTerraform("aws", {"aws_ecs_task_definition"}, tfNoPrivileged)
          // No automated fix: Privileged sits in a list element
          // (CloudFormation) or in a JSON string (Terraform), which no intent
          // edits.
          .build();
  return C;
}

} // namespace rampart::checks
