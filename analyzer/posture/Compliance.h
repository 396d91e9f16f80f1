//===- Compliance.h - Checks by compliance framework control ---*- C++ -*-===//
//
// `rampart compliance --framework NAME`: every control of the framework with
// the checks mapped to it (a check's .compliance(KEY, ID)) and how they did,
// and the controls that no check covers. The framework lists are data
// (posture/frameworks/*.yaml, compiled in) with their sources.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_COMPLIANCE_H
#define RAMPART_ANALYZER_POSTURE_COMPLIANCE_H

#include "analyzer/posture/Score.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rampart::posture {

struct FrameworkControl {
  std::string Id;
  std::string Title;
};

struct Framework {
  std::string Name; ///< mcsb, as --framework takes it
  std::string Key;  ///< MCSB, as checks' compliance ids name it
  std::string Title;
  std::vector<std::string> Sources;
  bool Complete = true; ///< False when the list is known to be partial.
  std::vector<FrameworkControl> Controls;
};

/// The built-in frameworks, read once from the compiled-in lists.
const std::vector<Framework> &frameworks();
const Framework *findFramework(llvm::StringRef Name);

/// How one check did on the resources it assessed.
struct CheckTally {
  const check::Check *Check = nullptr;
  unsigned Passed = 0, Failed = 0, Unknown = 0, Exempt = 0;
};

struct ControlStatus {
  const FrameworkControl *Control = nullptr;
  std::vector<CheckTally> Checks; ///< Empty: no check covers the control.

  enum class State { Failed, Passed, Unknown, NotAssessed, NotCovered };
  State state() const;
};
llvm::StringRef stateName(ControlStatus::State S);

struct ComplianceReport {
  const Framework *TheFramework = nullptr;
  std::vector<ControlStatus> Controls;
  /// Ids that checks map to but the framework's list lacks (a typo in a
  /// check, or a list to update).
  std::vector<std::pair<std::string, const check::Check *>> UnknownIds;

  unsigned covered() const;
};

ComplianceReport assessCompliance(const Framework &F,
                                  const std::vector<const check::Check *> &Ran,
                                  llvm::ArrayRef<Scored> Results);

nlohmann::ordered_json complianceToJson(const ComplianceReport &R);
void printCompliance(llvm::raw_ostream &OS, const ComplianceReport &R);

} // namespace rampart::posture

#endif
