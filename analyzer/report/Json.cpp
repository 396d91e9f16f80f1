//===- Json.cpp - `rampart scan --format json` ----------------------------===//
#include "analyzer/report/Json.h"

#include "analyzer/posture/Compliance.h"
#include "analyzer/report/Findings.h"
#include "parsers/common/DocumentJson.h"

#include <set>

namespace rampart::report {

namespace {

nlohmann::ordered_json suppressionToJson(const posture::Suppression &S) {
  static constexpr const char *Kinds[] = {"comment", "metadata", "config"};
  nlohmann::ordered_json J = {
      {"kind", Kinds[static_cast<int>(S.TheForm)]},
      {"reason", S.Reason},
      {"until", S.Until ? nlohmann::ordered_json(posture::formatDate(*S.Until))
                        : nlohmann::ordered_json(nullptr)},
      {"category", posture::exemptionName(S.Category)},
      {"file", S.File},
      {"range", rangeToJson(S.Range)}};
  return J;
}

nlohmann::ordered_json controlToJson(const posture::ControlScore &C) {
  return {{"control", C.Control},
          {"max", C.MaxPoints},
          {"current", C.current()},
          {"healthy", C.Healthy},
          {"unhealthy", C.Unhealthy}};
}

nlohmann::ordered_json
controlsToJson(const std::vector<posture::ControlScore> &Controls) {
  nlohmann::ordered_json Out = nlohmann::ordered_json::array();
  for (const posture::ControlScore &C : Controls)
    Out.push_back(controlToJson(C));
  return Out;
}

/// Per framework: how many of its controls the checks that ran cover, and
/// how many of those fail. `rampart compliance` gives the full table.
nlohmann::ordered_json complianceSummary(const Report &R) {
  std::set<std::string> FailedChecks;
  for (const posture::Finding &Fd : R.Findings)
    if (!Fd.suppressed())
      FailedChecks.insert(Fd.Result.TheCheck->Id);
  std::vector<posture::Scored> None;
  nlohmann::ordered_json Out = nlohmann::ordered_json::object();
  for (const posture::Framework &F : posture::frameworks()) {
    posture::ComplianceReport C = posture::assessCompliance(F, R.Checks, None);
    unsigned Failing = 0;
    for (const posture::ControlStatus &S : C.Controls)
      Failing += llvm::any_of(S.Checks, [&](const posture::CheckTally &T) {
        return FailedChecks.count(T.Check->Id) > 0;
      });
    Out[F.Name] = {{"controls", C.Controls.size()},
                   {"covered", C.covered()},
                   {"failing", Failing}};
  }
  return Out;
}

} // namespace

nlohmann::ordered_json fixToJson(const std::optional<fix::Fix> &Fix) {
  if (!Fix)
    return {{"available", false}};
  nlohmann::ordered_json Edits = nlohmann::ordered_json::array();
  for (const fix::FileChange &C : Fix->Changes)
    for (const TextEdit &E : C.Edits)
      Edits.push_back({{"file", C.File->path()},
                       {"range", rangeToJson(C.File->range(E.Begin, E.End))},
                       {"offsets", {{"begin", E.Begin}, {"end", E.End}}},
                       {"newText", E.NewText}});
  return {{"available", true},
          {"title", Fix->Title},
          {"applicability", check::applicabilityName(Fix->Kind)},
          {"edits", std::move(Edits)}};
}

nlohmann::ordered_json findingToJson(const posture::Finding &F) {
  nlohmann::ordered_json J = findingToJson(F.Result);
  J["fix"] = fixToJson(F.Fix);
  J["severity"] = check::levelName(F.Severity);
  J["fingerprint"] = F.Fingerprint;
  J["scoreGain"] = F.ScoreGain;
  if (F.SuppressedBy)
    J["suppression"] = suppressionToJson(*F.SuppressedBy);
  // An attack path (docs/attack-paths.md): its hops, entry first. A check's
  // finding has no "kind"; the key was added, never renamed.
  if (F.Path) {
    J["kind"] = "path";
    J["certainty"] = F.Path->State == exposure::Certainty::Definite
                         ? "definite"
                         : "possible";
    J["path"] = pathToJson(*F.Path);
  }
  return J;
}

nlohmann::ordered_json scoreToJson(const posture::SecureScore &S) {
  nlohmann::ordered_json Units = nlohmann::ordered_json::array();
  for (const posture::UnitScore &U : S.Units)
    Units.push_back({{"unit", U.Unit},
                     {"dialect", dialectName(U.TheDialect)},
                     {"percent", U.percent()},
                     {"current", U.currentPoints()},
                     {"max", U.maxPoints()},
                     {"controls", controlsToJson(U.Controls)}});
  nlohmann::ordered_json Recs = nlohmann::ordered_json::array();
  for (const posture::Recommendation &R : S.Recommendations)
    Recs.push_back({{"check", R.Check->Id},
                    {"title", R.Check->Title},
                    {"control", R.Check->Control},
                    {"unhealthyResources", R.UnhealthyResources},
                    {"gain", R.Gain}});
  return {{"percent", S.Percent},
          {"controls", controlsToJson(S.Controls)},
          {"units", std::move(Units)},
          {"recommendations", std::move(Recs)}};
}

nlohmann::ordered_json reportToJson(const Report &R) {
  nlohmann::ordered_json Findings = nlohmann::ordered_json::array(),
                         Suppressed = nlohmann::ordered_json::array(),
                         Baselined = nlohmann::ordered_json::array();
  nlohmann::ordered_json BySeverity = nlohmann::ordered_json::object();
  for (const posture::Finding &F : R.Findings) {
    if (F.suppressed()) {
      Suppressed.push_back(findingToJson(F));
    } else if (F.Baselined) {
      Baselined.push_back(findingToJson(F));
    } else {
      Findings.push_back(findingToJson(F));
      std::string Level = check::levelName(F.Severity).str();
      BySeverity[Level] = BySeverity.value(Level, 0) + 1;
    }
  }
  // Filled only with --strict; always present so pipelines can rely on it.
  nlohmann::ordered_json Unknown = nlohmann::ordered_json::array();
  for (const check::Result &U : R.Unknown)
    Unknown.push_back(report::findingToJson(U));
  nlohmann::ordered_json Diagnostics = nlohmann::ordered_json::array();
  for (const ReportDiagnostic &D : R.Diagnostics) {
    nlohmann::ordered_json J = diagnosticToJson(D.D);
    J["file"] = D.File;
    if (!D.Source && D.D.Range.Start.Line == 0)
      J.erase("range");
    Diagnostics.push_back(std::move(J));
  }
  nlohmann::ordered_json ByDialect(R.Totals.ByDialect);
  return {{"version", RAMPART_VERSION},
          {"findings", std::move(Findings)},
          {"unknown", std::move(Unknown)},
          {"suppressed", std::move(Suppressed)},
          {"baselined", std::move(Baselined)},
          {"diagnostics", std::move(Diagnostics)},
          {"score", scoreToJson(R.Score)},
          {"compliance", complianceSummary(R)},
          {"summary",
           {{"files", R.Totals.Files},
            {"byDialect", std::move(ByDialect)},
            {"units", R.Totals.Units},
            {"resources", R.Totals.Resources},
            {"findings", R.activeCount()},
            {"bySeverity", std::move(BySeverity)},
            {"suppressed", R.suppressedCount()},
            {"baselined", R.baselinedCount()},
            {"score", R.Score.Percent}}}};
}

std::string dumpJson(const nlohmann::ordered_json &J, int Indent) {
  return J.dump(Indent, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace rampart::report
