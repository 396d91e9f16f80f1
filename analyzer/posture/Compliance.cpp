//===- Compliance.cpp - Checks by compliance framework control ------------===//
#include "analyzer/posture/Compliance.h"

#include "analyzer/posture/FrameworkData.h"
#include "parsers/cloudformation/YamlParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <map>

namespace rampart::posture {

namespace {

std::string textOf(const Node *N) {
  return N && (N->is(NodeKind::String) || N->is(NodeKind::Number)) ? N->Text
                                                                   : "";
}

/// Reads one compiled-in list. They are ours and tested (ComplianceTest),
/// so a malformed one is a build defect, not user input: its broken parts
/// are left out rather than reported.
Framework readFramework(llvm::StringRef Name, llvm::StringRef Yaml) {
  auto Source = SourceFile::fromText(Name, Yaml);
  Document Doc = parsers::parseYaml(*Source, Dialect::CloudFormation);
  Framework F;
  const Node *Root = Doc.root();
  if (!Root)
    return F;
  F.Name = textOf(Root->get("framework"));
  F.Key = textOf(Root->get("key"));
  F.Title = textOf(Root->get("title"));
  if (const Node *S = Root->get("source"))
    F.Sources.push_back(textOf(S));
  if (const Node *S = Root->get("sources"))
    for (const Node *Item : S->Items)
      F.Sources.push_back(textOf(Item));
  if (const Node *C = Root->get("complete"))
    F.Complete = !C->is(NodeKind::Bool) || C->BoolValue;
  if (const Node *Controls = Root->get("controls"))
    for (const Node *Item : Controls->Items)
      F.Controls.push_back(
          {textOf(Item->get("id")), textOf(Item->get("title"))});
  return F;
}

bool sameId(llvm::StringRef A, llvm::StringRef B) {
  return A.equals_insensitive(B);
}

CheckTally tallyOf(const check::Check *C, llvm::ArrayRef<Scored> Results) {
  CheckTally T{C, 0, 0, 0, 0};
  for (const Scored &S : Results) {
    if (S.Result->TheCheck != C)
      continue;
    if (S.Exempt != Exemption::None) {
      ++T.Exempt;
      continue;
    }
    switch (S.Result->TheOutcome) {
    case check::Outcome::Healthy:
      ++T.Passed;
      break;
    case check::Outcome::Unhealthy:
      ++T.Failed;
      break;
    case check::Outcome::Unknown:
      ++T.Unknown;
      break;
    case check::Outcome::NotApplicable:
      break;
    }
  }
  return T;
}

} // namespace

const std::vector<Framework> &frameworks() {
  static const std::vector<Framework> All = [] {
    std::vector<Framework> Out;
    for (const FrameworkText &T : frameworkTexts())
      Out.push_back(readFramework(T.Name, T.Yaml));
    return Out;
  }();
  return All;
}

const Framework *findFramework(llvm::StringRef Name) {
  for (const Framework &F : frameworks())
    if (F.Name == Name)
      return &F;
  return nullptr;
}

ControlStatus::State ControlStatus::state() const {
  if (Checks.empty())
    return State::NotCovered;
  bool Passed = false, Unknown = false;
  for (const CheckTally &T : Checks) {
    if (T.Failed)
      return State::Failed;
    Passed |= T.Passed + T.Exempt > 0;
    Unknown |= T.Unknown > 0;
  }
  if (Unknown)
    return State::Unknown;
  return Passed ? State::Passed : State::NotAssessed;
}

llvm::StringRef stateName(ControlStatus::State S) {
  switch (S) {
  case ControlStatus::State::Failed:
    return "failed";
  case ControlStatus::State::Passed:
    return "passed";
  case ControlStatus::State::Unknown:
    return "unknown";
  case ControlStatus::State::NotAssessed:
    return "not assessed";
  case ControlStatus::State::NotCovered:
    return "not covered";
  }
  return "not covered";
}

unsigned ComplianceReport::covered() const {
  return llvm::count_if(
      Controls, [](const ControlStatus &C) { return !C.Checks.empty(); });
}

ComplianceReport assessCompliance(const Framework &F,
                                  const std::vector<const check::Check *> &Ran,
                                  llvm::ArrayRef<Scored> Results) {
  ComplianceReport R;
  R.TheFramework = &F;
  for (const FrameworkControl &Control : F.Controls)
    R.Controls.push_back({&Control, {}});
  for (const check::Check *C : Ran)
    for (const check::ComplianceId &Id : C->Compliance) {
      if (!sameId(Id.Framework, F.Key))
        continue;
      auto It = llvm::find_if(R.Controls, [&](const ControlStatus &S) {
        return sameId(S.Control->Id, Id.Id);
      });
      if (It == R.Controls.end())
        R.UnknownIds.push_back({Id.Id, C});
      else
        It->Checks.push_back(tallyOf(C, Results));
    }
  return R;
}

nlohmann::ordered_json complianceToJson(const ComplianceReport &R) {
  const Framework &F = *R.TheFramework;
  nlohmann::ordered_json Controls = nlohmann::ordered_json::array();
  for (const ControlStatus &S : R.Controls) {
    nlohmann::ordered_json Checks = nlohmann::ordered_json::array();
    for (const CheckTally &T : S.Checks)
      Checks.push_back({{"check", T.Check->Id},
                        {"passed", T.Passed},
                        {"failed", T.Failed},
                        {"unknown", T.Unknown},
                        {"exempt", T.Exempt}});
    Controls.push_back({{"id", S.Control->Id},
                        {"title", S.Control->Title},
                        {"status", stateName(S.state())},
                        {"checks", std::move(Checks)}});
  }
  nlohmann::ordered_json Unmapped = nlohmann::ordered_json::array();
  for (const auto &[Id, Check] : R.UnknownIds)
    Unmapped.push_back({{"id", Id}, {"check", Check->Id}});
  return {
      {"framework", F.Name},
      {"title", F.Title},
      {"sources", F.Sources},
      {"complete", F.Complete},
      {"controls", std::move(Controls)},
      {"summary", {{"controls", R.Controls.size()}, {"covered", R.covered()}}},
      {"unlistedIds", std::move(Unmapped)}};
}

void printCompliance(llvm::raw_ostream &OS, const ComplianceReport &R) {
  const Framework &F = *R.TheFramework;
  OS << F.Title << ": " << R.covered() << " of " << R.Controls.size()
     << " controls covered by Rampart checks\n";
  if (!F.Complete)
    OS << "(the control list is partial; see its sources)\n";
  for (const ControlStatus &S : R.Controls) {
    OS << llvm::format("%-12s %-13s ", S.Control->Id.c_str(),
                       stateName(S.state()).str().c_str())
       << S.Control->Title << '\n';
    for (const CheckTally &T : S.Checks)
      OS << "    " << T.Check->Id << ": " << T.Passed << " passed, " << T.Failed
         << " failed, " << T.Unknown << " unknown"
         << (T.Exempt ? ", " + std::to_string(T.Exempt) + " exempt" : "")
         << '\n';
  }
  for (const auto &[Id, Check] : R.UnknownIds)
    OS << "note: " << Check->Id << " maps to " << F.Key << ' ' << Id
       << ", which the list does not have\n";
}

} // namespace rampart::posture
