//===- Sarif.cpp - `rampart scan --format sarif` --------------------------===//
#include "analyzer/report/Sarif.h"

#include "analyzer/exposure/AttackPaths.h"
#include "analyzer/report/CheckDocs.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace rampart::report {

using Json = nlohmann::ordered_json;

namespace {

constexpr llvm::StringLiteral SchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr llvm::StringLiteral InformationUri =
    "https://github.com/rampart-iac/rampart";
/// Relative artifact URIs resolve against the scanned repository's root;
/// SARIF recommends naming the base, and %SRCROOT% is the conventional name
/// GitHub and the SARIF viewers understand.
constexpr llvm::StringLiteral SourceRoot = "%SRCROOT%";

bool isUnreserved(unsigned char C) {
  return llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~';
}

llvm::StringRef levelOf(check::Level L) { return severityName(severityOf(L)); }

/// Our columns count bytes; SARIF's default columnKind counts UTF-16 code
/// units, which is also what GitHub, VS Code's SARIF viewer and the LSP
/// use. So columns are converted (the run says utf16CodeUnits explicitly)
/// rather than declaring unicodeCodePoints, which fewer consumers honour.
/// Without the file's text the conversion cannot be done, and a byte column
/// would be wrong past the first non-ASCII character: the region then has
/// lines only, which SARIF allows (whole lines).
Json regionOf(const SourceRange &Range, const SourceFile *Source) {
  Json Region = {{"startLine", Range.Start.Line}};
  if (Source)
    Region["startColumn"] = Source->utf16Column(Range.Start) + 1;
  Region["endLine"] = Range.End.Line;
  // SARIF's endColumn is one past the region's last character, as our
  // half-open End is.
  if (Source)
    Region["endColumn"] = Source->utf16Column(Range.End) + 1;
  return Region;
}

/// A read error has no range (line 0): the location is the file alone.
Json physicalLocationOf(llvm::StringRef File, const SourceRange &Range,
                        const SourceFile *Source) {
  std::string Uri = artifactUri(File);
  Json Artifact = {{"uri", Uri}};
  if (!llvm::StringRef(Uri).startswith("file:"))
    Artifact["uriBaseId"] = SourceRoot;
  Json Physical = {{"artifactLocation", std::move(Artifact)}};
  if (Range.Start.Line > 0)
    Physical["region"] = regionOf(Range, Source);
  return Physical;
}

std::string complianceTag(const check::ComplianceId &C) {
  return C.Framework + "/" + C.Id;
}

std::string helpText(const check::Check &C) {
  std::string Text = C.Why;
  if (!C.Remediation.empty())
    Text += "\n\nRemediation: " + C.Remediation;
  if (!C.Compliance.empty()) {
    Text += "\n\nCompliance:";
    for (const check::ComplianceId &Id : C.Compliance)
      Text += " " + complianceTag(Id);
  }
  return Text;
}

Json ruleOf(const check::Check &C) {
  Json Tags = Json::array({"security"});
  if (!C.Control.empty())
    Tags.push_back(C.Control);
  for (const check::ComplianceId &Id : C.Compliance)
    Tags.push_back(complianceTag(Id));
  Json Rule = {
      {"id", C.Id},
      {"name", C.Id},
      {"shortDescription", {{"text", C.Title}}},
      {"fullDescription", {{"text", C.Why}}},
      {"help", {{"text", helpText(C)}, {"markdown", checkMarkdown(C)}}}};
  std::string HelpUri = checkHelpUri(C);
  if (!HelpUri.empty())
    Rule["helpUri"] = HelpUri;
  Rule["defaultConfiguration"] = {{"level", levelOf(C.Severity)}};
  Rule["properties"] = {{"security-severity", securitySeverity(C.Severity)},
                        {"tags", std::move(Tags)},
                        {"precision", "high"}};
  return Rule;
}

/// A comment or CloudFormation metadata sits in the analysed file itself;
/// a `.rampart.yaml` entry is outside it.
llvm::StringRef suppressionKind(posture::Suppression::Form F) {
  return F == posture::Suppression::Form::Config ? "external" : "inSource";
}

Json suppressionOf(const posture::Suppression &S) {
  Json J = {{"kind", suppressionKind(S.TheForm)}, {"status", "accepted"}};
  if (!S.Reason.empty())
    J["justification"] = S.Reason;
  if (!S.File.empty())
    J["location"] = {
        {"physicalLocation", physicalLocationOf(S.File, S.Range, nullptr)}};
  Json Properties = {{"category", posture::exemptionName(S.Category)}};
  if (S.Until)
    Properties["until"] = posture::formatDate(*S.Until);
  J["properties"] = std::move(Properties);
  return J;
}

/// SARIF's fix: one artifactChange per file, a replacement per edit. A
/// region that deletes nothing (an insertion) is empty: its end is its
/// start.
Json fixOf(const fix::Fix &Fix) {
  Json Changes = Json::array();
  for (const fix::FileChange &C : Fix.Changes) {
    Json Replacements = Json::array();
    for (const TextEdit &E : C.Edits)
      Replacements.push_back(
          {{"deletedRegion", regionOf(C.File->range(E.Begin, E.End), C.File)},
           {"insertedContent", {{"text", E.NewText}}}});
    Changes.push_back(
        {{"artifactLocation",
          physicalLocationOf(C.File->path(), {}, nullptr)["artifactLocation"]},
         {"replacements", std::move(Replacements)}});
  }
  return {
      {"description", {{"text", Fix.Title}}},
      {"artifactChanges", std::move(Changes)},
      {"properties", {{"applicability", check::applicabilityName(Fix.Kind)}}}};
}

using RuleIndex = llvm::DenseMap<const check::Check *, size_t>;

/// The rule a result belongs to; ruleIndex only when the rule is listed.
Json resultCore(const check::Result &Res, const RuleIndex &Rules) {
  Json J = {{"ruleId", Res.TheCheck->Id}};
  auto It = Rules.find(Res.TheCheck);
  if (It != Rules.end())
    J["ruleIndex"] = It->second;
  return J;
}

/// The resource is the logical location: the same finding in a moved
/// block keeps it, and viewers group by it.
void addLocations(const check::Result &Res, Json &J) {
  J["message"] = {{"text", Res.Message}};
  Json Location = {{"physicalLocation",
                    physicalLocationOf(Res.File, Res.Range, Res.Source)}};
  if (Res.Resource)
    Location["logicalLocations"] = Json::array(
        {{{"fullyQualifiedName", Res.Resource->Id}, {"kind", "resource"}}});
  J["locations"] = Json::array({std::move(Location)});
}

/// One hop of an attack path as a SARIF location: its text (none for the
/// Internet and Anyone nodes) and the resource as the logical location.
Json hopLocation(const exposure::Hop &H, size_t Id) {
  Json L = {{"id", Id}, {"message", {{"text", H.Label}}}};
  if (H.Where.hasFile())
    L["physicalLocation"] =
        physicalLocationOf(H.Where.File->path(), H.Where.Range, H.Where.File);
  if (!H.ResourceId.empty())
    L["logicalLocations"] = Json::array(
        {{{"fullyQualifiedName", H.ResourceId}, {"kind", "resource"}}});
  return L;
}

/// An attack path (docs/attack-paths.md): every hop is a related location,
/// and the chain is one code flow with one thread, entry first, so viewers
/// can step through it.
void addPath(const exposure::AttackPath &P, Json &J) {
  Json Related = Json::array(), Steps = Json::array();
  for (size_t I = 0; I < P.Chain.size(); ++I) {
    Related.push_back(hopLocation(P.Chain[I], I));
    Steps.push_back(
        {{"location", hopLocation(P.Chain[I], I)}, {"executionOrder", I}});
  }
  J["relatedLocations"] = std::move(Related);
  J["codeFlows"] = Json::array(
      {{{"message", {{"text", exposure::chainText(P)}}},
        {"threadFlows", Json::array({{{"locations", std::move(Steps)}}})}}});
}

Json findingResult(const posture::Finding &F, const RuleIndex &Rules,
                   bool BaselineGiven) {
  Json J = resultCore(F.Result, Rules);
  J["level"] = levelOf(F.Severity);
  addLocations(F.Result, J);
  if (!F.Fingerprint.empty())
    J["partialFingerprints"] = {{"rampart/v1", F.Fingerprint}};
  if (F.SuppressedBy)
    J["suppressions"] = Json::array({suppressionOf(*F.SuppressedBy)});
  if (BaselineGiven)
    J["baselineState"] = F.Baselined ? "unchanged" : "new";
  if (F.Fix)
    J["fixes"] = Json::array({fixOf(*F.Fix)});
  J["properties"] = {{"severity", check::levelName(F.Severity)},
                     {"scoreGain", F.ScoreGain}};
  if (F.Path) {
    addPath(*F.Path, J);
    J["properties"]["kind"] = "path";
  }
  return J;
}

/// An unknown result (--strict) could not be decided either way: SARIF's
/// kind "open", whose level must be "none".
Json unknownResult(const check::Result &Res, const RuleIndex &Rules) {
  Json J = resultCore(Res, Rules);
  J["kind"] = "open";
  J["level"] = "none";
  addLocations(Res, J);
  return J;
}

Json notificationOf(const ReportDiagnostic &D) {
  Json J = {{"level", severityName(D.D.Level)},
            {"message", {{"text", D.D.Message}}}};
  if (!D.File.empty())
    J["locations"] =
        Json::array({{{"physicalLocation",
                       physicalLocationOf(D.File, D.D.Range, D.Source)}}});
  return J;
}

Json scoreProperties(const posture::SecureScore &S) {
  Json Units = Json::array();
  for (const posture::UnitScore &U : S.Units)
    Units.push_back({{"unit", U.Unit},
                     {"dialect", dialectName(U.TheDialect)},
                     {"percent", U.percent()},
                     {"currentPoints", U.currentPoints()},
                     {"maxPoints", U.maxPoints()}});
  return {{"secureScore", S.Percent}, {"units", std::move(Units)}};
}

Json driverOf(const Report &R) {
  Json Rules = Json::array();
  for (const check::Check *C : R.Checks)
    Rules.push_back(ruleOf(*C));
  return {{"name", "rampart"},
          {"version", RAMPART_VERSION},
          {"informationUri", InformationUri},
          {"rules", std::move(Rules)}};
}

} // namespace

llvm::StringRef securitySeverity(check::Level L) {
  switch (L) {
  // GitHub maps scores above 9.0 to critical, 7.0 to 8.9 to high.
  case check::Level::Critical:
    return "9.5";
  case check::Level::High:
    return "7.0";
  case check::Level::Medium:
    return "5.0";
  case check::Level::Low:
    return "3.0";
  }
  return "5.0";
}

std::string artifactUri(llvm::StringRef Path) {
  std::string Slashed = Path.str();
  std::replace(Slashed.begin(), Slashed.end(), '\\', '/');
  llvm::StringRef P = Slashed;
  while (P.consume_front("./"))
    ;
  std::string Out;
  // "file://" plus an absolute path gives an empty authority: file:///a/b.
  if (P.startswith("/"))
    Out = "file://";
  for (unsigned char C : P) {
    if (isUnreserved(C) || C == '/') {
      Out += static_cast<char>(C);
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 15);
  }
  return Out;
}

nlohmann::ordered_json sarifLog(const Report &R) {
  RuleIndex Rules;
  for (size_t I = 0; I < R.Checks.size(); ++I)
    Rules.try_emplace(R.Checks[I], I);
  // Without a baseline, baselineState is left out (SARIF: unknown).
  bool BaselineGiven = R.BaselineGiven;

  Json Results = Json::array();
  for (const posture::Finding &F : R.Findings)
    Results.push_back(findingResult(F, Rules, BaselineGiven));
  for (const check::Result &U : R.Unknown)
    Results.push_back(unknownResult(U, Rules));

  Json Notifications = Json::array();
  for (const ReportDiagnostic &D : R.Diagnostics)
    Notifications.push_back(notificationOf(D));
  // Parse errors are findings about the input, not a failed run.
  Json Invocation = {{"executionSuccessful", true}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  Json Run = {{"tool", {{"driver", driverOf(R)}}},
              {"invocations", Json::array({std::move(Invocation)})},
              {"columnKind", "utf16CodeUnits"},
              {"results", std::move(Results)},
              {"properties", scoreProperties(R.Score)}};
  return {{"$schema", SchemaUri},
          {"version", "2.1.0"},
          {"runs", Json::array({std::move(Run)})}};
}

void writeSarif(const Report &R, llvm::raw_ostream &OS) {
  // Template text with invalid UTF-8 must not make the writer throw.
  OS << sarifLog(R).dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace rampart::report
