//===- Features.cpp - Diagnostics, code actions, hover, symbols -----------===//
#include "lsp/Features.h"

#include "analyzer/fix/Apply.h"
#include "analyzer/model/ValueJson.h"
#include "analyzer/posture/SuppressionEdits.h"
#include "analyzer/report/CheckDocs.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

namespace rampart::lsp {

namespace {

/// A range of F, or the file's start for a diagnostic without one.
Json rangeIn(const SourceFile &F, const SourceRange &R) {
  if (R.Start.Line == 0)
    return {{"start", {{"line", 0}, {"character", 0}}},
            {"end", {{"line", 0}, {"character", 0}}}};
  return toLspRange(F, R);
}

bool covers(const SourceRange &R, uint32_t Offset) {
  return R.Start.Offset <= Offset && Offset <= R.End.Offset;
}

/// The comment a suppression is written as in this file; empty for strict
/// JSON (CloudFormation and Terraform JSON), which takes a `"//"` member or
/// Metadata instead.
llvm::StringRef commentMarker(const Document &Doc) {
  bool Json = fix::writtenAsJson(Doc);
  switch (Doc.dialect()) {
  case Dialect::Bicep:
  case Dialect::Arm:
    return "//";
  case Dialect::Terraform:
  case Dialect::CloudFormation:
    return Json ? "" : "#";
  }
  return "";
}

/// Strict JSON has no comments: the suppression's edits themselves (a `"//"`
/// member, `Metadata.rampart.ignore`), for the resource and for the file.
std::optional<Json> strictJsonSuppression(const Document &Doc,
                                          const model::Resource &R,
                                          llvm::StringRef Id) {
  Json Out = Json::object();
  auto Add = [&](const char *Key, posture::SuppressionScope Scope) {
    if (auto Edits = posture::jsonSuppressionEdits(Doc, R, Id, Scope))
      Out[Key] = workspaceEditOf(
          fix::Fix{"", check::Applicability::Safe, {{&Doc.file(), *Edits}}});
  };
  Add("resourceEdit", posture::SuppressionScope::Resource);
  Add("fileEdit", posture::SuppressionScope::File);
  if (Out.empty())
    return std::nullopt;
  return Out;
}

/// Where a suppression of F goes, as compact data for the diagnostic (a
/// file with hundreds of findings would otherwise carry two edits each):
/// the declaring file, its comment marker, and the line above the
/// declaration with its indentation when the declaration has a line of its
/// own. codeActionsFor turns it into edits.
std::optional<Json> suppressionData(const Snapshot &S,
                                    const posture::Finding &F) {
  const model::Resource *R = F.Result.Resource;
  if (!R || !R->Declaration.hasFile())
    return std::nullopt;
  const workspace::LoadedFile *File = S.file(R->Declaration.File->path());
  if (!File || !File->Doc)
    return std::nullopt;
  const Document &Doc = *File->Doc;
  llvm::StringRef Marker = commentMarker(Doc);
  if (Marker.empty())
    return strictJsonSuppression(Doc, *R, F.Result.TheCheck->Id);
  Json Out = {{"uri", pathToUri(Doc.file().path())}, {"marker", Marker}};
  if (std::optional<SourceRange> Span = fix::declarationSpan(Doc, *R)) {
    llvm::StringRef Line = Doc.file().lineText(Span->Start.Line);
    llvm::StringRef Before = Line.take_front(Span->Start.Column - 1);
    // A declaration that shares its line with other text (`[{ "type"...`)
    // has no line of its own to put a comment above.
    if (Before.trim().empty()) {
      Out["line"] = Span->Start.Line - 1;
      Out["indent"] = Before;
    }
  }
  return Out;
}

/// An edit inserting Text at the start of 0-based Line of Uri.
Json insertionAt(const std::string &Uri, uint32_t Line,
                 const std::string &Text) {
  Json At = {{"line", Line}, {"character", 0}};
  Json Edits = Json::array(
      {{{"range", {{"start", At}, {"end", At}}}, {"newText", Text}}});
  return {{"changes", {{Uri, std::move(Edits)}}}};
}

Json findingDiagnostic(const Snapshot &S, const posture::Finding &F) {
  const check::Check &C = *F.Result.TheCheck;
  Json Data = {{"check", C.Id}};
  if (F.Fix)
    Data["fix"] = {{"title", F.Fix->Title},
                   {"applicability", check::applicabilityName(F.Fix->Kind)},
                   {"edit", workspaceEditOf(*F.Fix)}};
  if (std::optional<Json> Suppress = suppressionData(S, F))
    Data["suppress"] = std::move(*Suppress);
  return {{"range", rangeIn(*F.Result.Source, F.Result.Range)},
          {"severity", severityOf(F.Severity)},
          {"code", C.Id},
          {"codeDescription", {{"href", report::checkHelpUri(C)}}},
          {"source", "rampart"},
          {"message", C.Title + ": " + F.Result.Message},
          {"data", std::move(Data)}};
}

Json plainDiagnostic(const SourceFile &F, const Diagnostic &D) {
  return {{"range", rangeIn(F, D.Range)},
          {"severity", severityOf(D.Level)},
          {"source", "rampart"},
          {"message", D.Message}};
}

Json action(std::string Title, const char *Kind, const Json &Diagnostic,
            const Json &Edit, bool Preferred = false) {
  Json A = {{"title", std::move(Title)}, {"kind", Kind}, {"edit", Edit}};
  if (!Diagnostic.is_null())
    A["diagnostics"] = Json::array({Diagnostic});
  if (Preferred)
    A["isPreferred"] = true;
  return A;
}

/// Whether the client's `only` filter lets actions of Kind through.
bool wanted(const Json &Params, llvm::StringRef Kind) {
  const Json *Only = nullptr;
  if (Params.contains("context") && Params["context"].contains("only"))
    Only = &Params["context"]["only"];
  if (!Only || !Only->is_array())
    return true;
  for (const Json &K : *Only)
    if (K.is_string() && (Kind == K.get<std::string>() ||
                          Kind.startswith(K.get<std::string>() + ".")))
      return true;
  return false;
}

/// One edit per file for all the safe fixes of Path's findings.
std::optional<Json> fixAllEdit(const Snapshot &S, const std::string &Path) {
  std::vector<posture::Finding> Mine;
  for (const posture::Finding &F : S.Result->Report.Findings)
    if (F.Result.File == Path && F.Fix)
      Mine.push_back(F);
  fix::FixSelection Sel = fix::selectFixes(Mine, check::Applicability::Safe);
  if (Sel.Files.empty())
    return std::nullopt;
  Json Changes = Json::object();
  for (const fix::FixedFile &F : Sel.Files) {
    TextEdit E = spanEdit(F.File->text(), F.Text);
    Changes[pathToUri(F.File->path())] = Json::array(
        {{{"range", toLspRange(*F.File, F.File->range(E.Begin, E.End))},
          {"newText", E.NewText}}});
  }
  return Json{{"changes", std::move(Changes)}};
}

Json symbol(std::string Name, int Kind, const Json &Range,
            const Json &Selection, std::string Detail = {}) {
  Json S = {{"name", Name.empty() ? "?" : std::move(Name)},
            {"kind", Kind},
            {"range", Range},
            {"selectionRange", Selection}};
  if (!Detail.empty())
    S["detail"] = std::move(Detail);
  return S;
}

// LSP SymbolKind values.
constexpr int ModuleKind = 2, ClassKind = 5, PropertyKind = 7, FieldKind = 8,
              VariableKind = 13, ConstantKind = 14;

/// Entries of a top-level map (ARM parameters, CloudFormation Outputs).
void mapSymbols(const SourceFile &F, const Node *Map, int Kind, Json &Out) {
  if (!Map)
    return;
  for (const MapEntry &E : Map->Entries)
    if (E.Value)
      Out.push_back(symbol(
          E.Key, Kind, toLspRange(F, {E.KeyRange.Start, E.Value->Range.End}),
          toLspRange(F, E.KeyRange)));
}

/// Parameters, variables, modules and outputs as the dialect writes them.
void declarationSymbols(const Document &Doc, Json &Out) {
  const Node *Root = Doc.root();
  const SourceFile &F = Doc.file();
  if (!Root)
    return;
  switch (Doc.dialect()) {
  case Dialect::Bicep:
    for (const Node *N : Root->Items) {
      static const std::pair<const char *, int> Kinds[] = {
          {"param", PropertyKind},
          {"var", VariableKind},
          {"module", ModuleKind},
          {"output", FieldKind}};
      for (const auto &[Op, Kind] : Kinds)
        if (N && N->isExpression(Op)) {
          const Node *Name = N->get("name");
          Out.push_back(symbol(N->Text, Kind, toLspRange(F, N->Range),
                               toLspRange(F, Name ? Name->Range : N->Range),
                               Op));
        }
    }
    return;
  case Dialect::Arm:
    mapSymbols(F, Root->get("parameters"), PropertyKind, Out);
    mapSymbols(F, Root->get("variables"), VariableKind, Out);
    mapSymbols(F, Root->get("outputs"), FieldKind, Out);
    return;
  case Dialect::CloudFormation:
    mapSymbols(F, Root->get("Parameters"), PropertyKind, Out);
    mapSymbols(F, Root->get("Outputs"), FieldKind, Out);
    return;
  case Dialect::Terraform:
    for (const Node *N : Root->Items) {
      if (!N || !N->isExpression("block"))
        continue;
      int Kind = N->Text == "variable" ? PropertyKind
                 : N->Text == "module" ? ModuleKind
                 : N->Text == "output" ? FieldKind
                 : N->Text == "locals" ? ConstantKind
                                       : 0;
      const Node *Labels = N->get("labels");
      if (!Kind || !Labels)
        continue;
      std::string Name =
          Labels->Items.empty() ? N->Text : Labels->Items.front()->Text;
      Out.push_back(symbol(Name, Kind, toLspRange(F, N->Range),
                           toLspRange(F, Labels->Items.empty()
                                             ? N->Range
                                             : Labels->Items.front()->Range),
                           N->Text));
    }
    return;
  }
}

/// The evaluated properties of the resource declared at Offset, if one is.
std::optional<std::string>
resourceHover(const Snapshot &S, const std::string &Path, uint32_t Offset) {
  for (const model::DeploymentUnit &U : S.Result->Units)
    for (const model::Resource &R : U.Graph.resources())
      if (R.Declaration.hasFile() && R.Declaration.File->path() == Path &&
          covers(R.Declaration.Range, Offset))
        return "**" + R.Type + "** `" + R.Id +
               "`\n\nEvaluated properties (`$unknown`: not known before "
               "deployment, and why):\n\n```json\n" +
               model::valueToJson(R.Properties)
                   .dump(2, ' ', false,
                         nlohmann::json::error_handler_t::replace) +
               "\n```";
  return std::nullopt;
}

} // namespace

Json diagnosticsFor(const Snapshot &S, const std::string &Path) {
  Json Out = Json::array();
  const workspace::LoadedFile *File = S.file(Path);
  if (!File || !File->Source)
    return Out;
  for (const posture::Finding &F : S.Result->Report.Findings)
    if (F.active() && F.Result.File == Path && F.Result.Source)
      Out.push_back(findingDiagnostic(S, F));
  // Strict: what could not be decided, as information.
  for (const check::Result &U : S.Result->Report.Unknown)
    if (U.File == Path && U.Source)
      Out.push_back({{"range", rangeIn(*U.Source, U.Range)},
                     {"severity", 3},
                     {"code", U.TheCheck->Id},
                     {"source", "rampart"},
                     {"message", "unknown: " + U.Message}});
  for (const report::ReportDiagnostic &D : S.Result->Report.Diagnostics)
    if (D.File == Path)
      Out.push_back(plainDiagnostic(*File->Source, D.D));
  std::set<std::pair<uint32_t, std::string>> Seen;
  for (const model::DeploymentUnit &U : S.Result->Units)
    for (const model::FileDiagnostic &D : U.Diagnostics)
      if (D.File == Path &&
          Seen.insert({D.D.Range.Start.Offset, D.D.Message}).second)
        Out.push_back(plainDiagnostic(*File->Source, D.D));
  return Out;
}

Json codeActionsFor(const Snapshot *S, const std::string &Path,
                    const Json &Params) {
  Json Out = Json::array();
  const Json &Diagnostics = Params["context"]["diagnostics"];
  if (wanted(Params, "quickfix") && Diagnostics.is_array())
    for (const Json &D : Diagnostics) {
      // Ours by the data we gave it: some clients send back only the fields
      // they did not map (Neovim drops `source`).
      if (!D.contains("data") || !D["data"].is_object() ||
          !D["data"].contains("check"))
        continue;
      const Json &Data = D["data"];
      std::string Id = Data.value("check", "");
      if (Data.contains("fix"))
        Out.push_back(action(Data["fix"].value("title", "Fix"), "quickfix", D,
                             Data["fix"]["edit"],
                             Data["fix"].value("applicability", "") == "safe"));
      if (!Data.contains("suppress") || !Data["suppress"].is_object())
        continue;
      const Json &Where = Data["suppress"];
      if (Where.contains("resourceEdit"))
        Out.push_back(action("Suppress " + Id + " for this resource",
                             "quickfix", D, Where["resourceEdit"]));
      if (Where.contains("fileEdit"))
        Out.push_back(action("Suppress " + Id + " in this file", "quickfix", D,
                             Where["fileEdit"]));
      if (!Where.contains("uri"))
        continue;
      std::string Uri = Where.value("uri", "");
      std::string Comment = Where.value("marker", "#") + " rampart:ignore " +
                            Id + " reason=\"TODO: why this is acceptable\"";
      if (Where.contains("line"))
        Out.push_back(
            action("Suppress " + Id + " for this resource", "quickfix", D,
                   insertionAt(Uri, Where["line"].get<uint32_t>(),
                               Where.value("indent", "") + Comment + "\n")));
      Out.push_back(action("Suppress " + Id + " in this file", "quickfix", D,
                           insertionAt(Uri, 0, Comment + "\n\n")));
    }
  if (S && wanted(Params, "source.fixAll.rampart"))
    if (std::optional<Json> Edit = fixAllEdit(*S, Path))
      Out.push_back(action("Fix all Rampart issues in this file",
                           "source.fixAll.rampart", nullptr, *Edit));
  return Out;
}

Json hoverAt(const Snapshot &S, const std::string &Path, const Json &Position) {
  const workspace::LoadedFile *File = S.file(Path);
  if (!File || !File->Source)
    return nullptr;
  const SourceFile &F = *File->Source;
  uint32_t Offset = offsetAt(F, Position);
  std::vector<std::string> Parts;
  for (const posture::Finding &Fd : S.Result->Report.Findings)
    if (Fd.active() && Fd.Result.File == Path &&
        covers(Fd.Result.Range, Offset))
      Parts.push_back("**" + Fd.Result.TheCheck->Id +
                      "**: " + Fd.Result.Message + "\n\n" +
                      report::checkMarkdown(*Fd.Result.TheCheck));
  // On a declaration, the resource's evaluated properties follow what is
  // flagged there.
  if (std::optional<std::string> R = resourceHover(S, Path, Offset))
    Parts.push_back(std::move(*R));
  if (Parts.empty())
    return nullptr;
  return {
      {"contents",
       {{"kind", "markdown"}, {"value", llvm::join(Parts, "\n\n---\n\n")}}}};
}

Json symbolsOf(const Snapshot &S, const std::string &Path) {
  Json Out = Json::array();
  const workspace::LoadedFile *File = S.file(Path);
  if (!File || !File->Doc)
    return Out;
  const Document &Doc = *File->Doc;
  std::set<uint32_t> Seen;
  for (const model::DeploymentUnit &U : S.Result->Units)
    for (const model::Resource &R : U.Graph.resources()) {
      if (R.Existing || !R.Declaration.hasFile() ||
          R.Declaration.File->path() != Path ||
          !Seen.insert(R.Declaration.Range.Start.Offset).second)
        continue;
      std::optional<SourceRange> Span = fix::declarationSpan(Doc, R);
      std::string Name = !R.SymbolicName.empty() ? R.SymbolicName : R.Id;
      Out.push_back(
          symbol(Name, ClassKind,
                 toLspRange(Doc.file(), Span ? *Span : R.Declaration.Range),
                 toLspRange(Doc.file(), R.Declaration.Range), R.Type));
    }
  declarationSymbols(Doc, Out);
  return Out;
}

} // namespace rampart::lsp
