//===- LogExports.cpp - AWS-RDS-005 ---------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// The security-relevant log types Rampart asks for, by engine; empty for
/// an engine it has no minimum for.
std::vector<llvm::StringRef> requiredLogs(llvm::StringRef Engine) {
  std::string E = Engine.lower();
  llvm::StringRef L(E);
  if (L == "aurora-postgresql" || L.startswith("postgres"))
    return {"postgresql"};
  if (L == "aurora" || L == "aurora-mysql")
    return {"audit"};
  if (L.startswith("mysql") || L.startswith("mariadb"))
    return {"audit", "error"};
  if (L.startswith("oracle"))
    return {"audit", "alert"};
  if (L.startswith("sqlserver"))
    return {"error"};
  return {};
}

Predicate logsExported(std::string Exports, std::string Engine,
                       std::string ClusterMember = {}) {
  return [=](const Subject &S) -> Evaluation {
    const Value &Props = S.Resource.Properties;
    if (!ClusterMember.empty())
      if (const Value *C = Props.get(ClusterMember); C && !C->isNull())
        return Evaluation::notApplicable();
    const Value *Eng = Props.get(Engine);
    if (!Eng || !Eng->is(model::ValueKind::String))
      return {Outcome::Unknown,
              Eng,
              {Engine},
              Engine + " is not known, so the log types to export are not"};
    std::vector<llvm::StringRef> Needed = requiredLogs(Eng->asString());
    if (Needed.empty())
      return Evaluation::notApplicable();
    const Value *List = Props.get(Exports);
    if (List && !List->isNull() && !List->isKnown())
      return {Outcome::Unknown, List, {Exports}, Exports + " is unknown"};
    for (llvm::StringRef Log : Needed) {
      Match Has{};
      if (List && List->is(model::ValueKind::Array))
        for (const Value &I : List->items())
          Has.T = truthOr(Has.T, equalsInsensitive(I, Log).T);
      if (Has.isUnknown())
        return {Outcome::Unknown, List, {Exports}, Exports + " is unknown"};
      if (Has.isFalse())
        return {Outcome::Unhealthy,
                List,
                {Exports},
                Exports + " does not include '" + Log.str() +
                    "' (FSBP RDS.9 expects every log type of the engine)"};
    }
    return Evaluation::healthy();
  };
}

/// The engine's required log types added to the exports, the others kept.
/// The whole list is set (elements cannot be edited one by one), so only a
/// missing or fully known list gets a fix.
FixRecipe exportRequiredLogs(std::string Exports, std::string Engine) {
  return [=](const Subject &S, const Evaluation &,
             const Binding &) -> std::vector<FixIntent> {
    const Value &Props = S.Resource.Properties;
    const Value *Eng = Props.get(Engine);
    const Value *List = Props.get(Exports);
    if (!Eng || !Eng->is(model::ValueKind::String))
      return {};
    std::vector<Value> Logs;
    if (List && !List->isNull()) {
      if (!List->is(model::ValueKind::Array) || !List->isFullyKnown())
        return {};
      Logs.assign(List->items().begin(), List->items().end());
    }
    for (llvm::StringRef Log : requiredLogs(Eng->asString()))
      if (llvm::none_of(Logs, [&](const Value &L) {
            return equalsInsensitive(L, Log).isTrue();
          }))
        Logs.push_back(Value::string(Log.str()));
    return {{FixIntent::Action::Set, Exports, Value::array(std::move(Logs))}};
  };
}

} // namespace

const Check &rdsLogExports() {
  // Rampart's minimum per engine; FSBP RDS.9 expects every log type.
  static const Check C =
      CheckBuilder("AWS-RDS-005", __FILE__)
          .title("RDS databases should export their logs to CloudWatch Logs")
          .severity(Level::Medium)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("FSBP", "RDS.9")
          .why("Database engine logs stay on the instance and rotate away "
               "unless exported, taking the trace of an intrusion with them.")
          .remediation("Export the engine's audit and error logs and, for "
                       "MySQL-family engines, configure the audit plugin in "
                       "the option or parameter group")
          .reference("Checkov CKV_AWS_129")
          .onCloudFormation({"AWS::RDS::DBInstance"},
                            logsExported("EnableCloudwatchLogsExports",
                                         "Engine", "DBClusterIdentifier"))
          .onCloudFormation(
              {"AWS::RDS::DBCluster"},
              logsExported("EnableCloudwatchLogsExports", "Engine"))
          .onTerraform(
              "aws", {"aws_db_instance", "aws_rds_cluster"},
              logsExported("enabled_cloudwatch_logs_exports", "engine"))
          // Suggested: exported logs cost CloudWatch ingestion and storage, and
          // MySQL's audit log needs the audit plugin.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               exportRequiredLogs("EnableCloudwatchLogsExports", "Engine"))
          .fixFor(
              Family::Terraform,
              exportRequiredLogs("enabled_cloudwatch_logs_exports", "engine"))
          .fixTitle("Export the engine's security logs")
          .build();
  return C;
}

} // namespace rampart::checks
