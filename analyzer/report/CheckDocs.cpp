//===- CheckDocs.cpp - Check metadata as docs and JSON --------------------===//
#include "analyzer/report/CheckDocs.h"

#include "analyzer/exposure/AttackPaths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

namespace rampart::report {

using check::Binding;
using check::Check;

namespace {

std::string bindingLabel(const Binding &B) {
  switch (B.TheFamily) {
  case check::Family::Arm:
    return "ARM and Bicep";
  case check::Family::Terraform:
    return "Terraform (" + B.Provider + ")";
  case check::Family::CloudFormation:
    return "CloudFormation";
  }
  return "";
}

std::string complianceText(const Check &C) {
  std::vector<std::string> Parts;
  for (const check::ComplianceId &Id : C.Compliance)
    Parts.push_back(Id.Framework + " " + Id.Id);
  return llvm::join(Parts, ", ");
}

/// The check's source, relative to the repository ("checks/aws/...").
std::string sourcePath(const Check &C) {
  llvm::StringRef S = C.Source;
  size_t At = S.rfind("/checks/");
  return At == llvm::StringRef::npos ? S.str() : S.substr(At + 1).str();
}

/// "safe, always", "suggested, sometimes", or "none".
std::string fixText(const Check &C) {
  if (C.Fix.Availability == check::FixAvailability::Never)
    return "none";
  return check::applicabilityName(C.Fix.Declared).str() + ", " +
         check::fixAvailabilityName(C.Fix.Availability).str();
}

} // namespace

std::string checkMarkdown(const Check &C) {
  std::string Out = "# " + C.Id + ": " + C.Title + "\n\n";
  Out += "- Severity: " + check::levelName(C.Severity).str() + "\n";
  Out += "- Security control: " + C.Control + "\n";
  if (!C.Compliance.empty())
    Out += "- Compliance: " + complianceText(C) + "\n";
  Out += "- Automated fix: " + fixText(C) + "\n";
  Out += "- Source: `" + sourcePath(C) + "`\n\n";
  Out += "## Why\n\n" + C.Why + "\n\n";
  Out += "## Applies to\n\n";
  for (const Binding &B : C.Bindings)
    Out += "- " + bindingLabel(B) + ": `" + llvm::join(B.Types, "`, `") + "`\n";
  Out += "\n## Remediation\n\n" + C.Remediation + ".\n";
  if (!C.References.empty()) {
    Out += "\n## References\n\n";
    for (const std::string &R : C.References)
      Out += "- " + R + "\n";
  }
  return Out;
}

std::string checksIndexMarkdown(const std::vector<const Check *> &All) {
  std::string Out = "# Rampart built-in checks\n\n"
                    "Generated from the checks' metadata by `rampart checks "
                    "docs checks/docs`; do not edit.\n\n"
                    "| id | severity | title | applies to | fix |\n"
                    "|---|---|---|---|---|\n";
  for (const Check *C : All) {
    std::vector<std::string> Families;
    for (const Binding &B : C->Bindings)
      Families.push_back(bindingLabel(B));
    Out += "| [" + C->Id + "](" + C->Id + ".md) | " +
           check::levelName(C->Severity).str() + " | " + C->Title + " | " +
           llvm::join(Families, ", ") + " | " + fixText(*C) + " |\n";
  }
  return Out;
}

nlohmann::ordered_json checkToJson(const Check &C) {
  nlohmann::ordered_json Compliance = nlohmann::ordered_json::array();
  for (const check::ComplianceId &Id : C.Compliance)
    Compliance.push_back({{"framework", Id.Framework}, {"id", Id.Id}});
  nlohmann::ordered_json Bindings = nlohmann::ordered_json::array();
  for (const Binding &B : C.Bindings) {
    nlohmann::ordered_json J = {{"family", check::familyName(B.TheFamily)},
                                {"types", B.Types}};
    if (!B.Provider.empty())
      J["provider"] = B.Provider;
    Bindings.push_back(std::move(J));
  }
  return {{"id", C.Id},
          {"title", C.Title},
          {"severity", check::levelName(C.Severity)},
          {"control", C.Control},
          {"compliance", std::move(Compliance)},
          {"remediation", C.Remediation},
          {"fix",
           {{"availability", check::fixAvailabilityName(C.Fix.Availability)},
            {"applicability", check::applicabilityName(C.Fix.Declared)}}},
          {"bindings", std::move(Bindings)}};
}

std::string checkLine(const Check &C) {
  std::string Level = check::levelName(C.Severity).str();
  Level.resize(9, ' ');
  std::string Id = C.Id;
  Id.resize(std::max<size_t>(Id.size() + 1, 16), ' ');
  return Id + Level + C.Title;
}

std::string checkHelpUri(const check::Check &C) {
  // checks/docs is generated from the same metadata and committed, so the
  // repository's copy is the published one.
  static constexpr llvm::StringLiteral DocsBase =
      "https://github.com/rampart-iac/rampart/blob/main/checks/docs/";
  // Attack paths are documented together, not in checks/docs.
  if (exposure::isPathCheck(&C))
    return "https://github.com/rampart-iac/rampart/blob/main/docs/"
           "attack-paths.md#" +
           llvm::StringRef(C.Id).lower();
  // Built-in checks are C++ (their Source is __FILE__); user checks YAML.
  if (!llvm::StringRef(C.Source).endswith(".cpp"))
    return {};
  return (DocsBase + C.Id + ".md").str();
}

} // namespace rampart::report
