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
/// own. codeActionsFor turns it into edits. Strict JSON has no comments: it
/// carries the edits themselves.
struct SuppressionPlace {
  std::string Uri;
  llvm::StringRef Marker;
  std::optional<uint32_t> Line;
  llvm::StringRef Indent;
  std::optional<Json> StrictEdits;
};

std::optional<SuppressionPlace> suppressionPlace(const Snapshot &S,
                                                 const posture::Finding &F) {
  const model::Resource *R = F.Result.Resource;
  if (!R || !R->Declaration.hasFile())
    return std::nullopt;
  const workspace::LoadedFile *File = S.file(R->Declaration.File->path());
  if (!File || !File->Doc)
    return std::nullopt;
  const Document &Doc = *File->Doc;
  SuppressionPlace Out;
  Out.Marker = commentMarker(Doc);
  if (Out.Marker.empty()) {
    Out.StrictEdits = strictJsonSuppression(Doc, *R, F.Result.TheCheck->Id);
    if (!Out.StrictEdits)
      return std::nullopt;
    return Out;
  }
  Out.Uri = pathToUri(Doc.file().path());
  if (std::optional<SourceRange> Span = fix::declarationSpan(Doc, *R)) {
    llvm::StringRef Line = Doc.file().lineText(Span->Start.Line);
    llvm::StringRef Before = Line.take_front(Span->Start.Column - 1);
    // A declaration that shares its line with other text (`[{ "type"...`)
    // has no line of its own to put a comment above.
    if (Before.trim().empty()) {
      Out.Line = Span->Start.Line - 1;
      Out.Indent = Before;
    }
  }
  return Out;
}

void writeSuppressionPlace(llvm::json::OStream &J, const SuppressionPlace &P) {
  if (P.StrictEdits)
    return J.rawValue(P.StrictEdits->dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace));
  J.object([&] {
    J.attribute("uri", jsonText(P.Uri));
    J.attribute("marker", P.Marker);
    if (P.Line) {
      J.attribute("line", int64_t(*P.Line));
      J.attribute("indent", jsonText(P.Indent));
    }
  });
}

/// An edit inserting Text at the start of 0-based Line of Uri.
Json insertionAt(const std::string &Uri, uint32_t Line,
                 const std::string &Text) {
  Json At = {{"line", Line}, {"character", 0}};
  Json Edits = Json::array(
      {{{"range", {{"start", At}, {"end", At}}}, {"newText", Text}}});
  return {{"changes", {{Uri, std::move(Edits)}}}};
}

/// Writes one diagnostic; Range is where it is in File ({0,0} for a
/// diagnostic without a position).
void writeDiagnostic(llvm::json::OStream &J, const SourceFile &File,
                     const SourceRange &Range, int Severity,
                     llvm::StringRef Code, llvm::StringRef Message,
                     llvm::function_ref<void()> More = nullptr) {
  J.object([&] {
    J.attributeBegin("range");
    if (Range.Start.Line == 0)
      writeRange(J, File, File.range(0, 0));
    else
      writeRange(J, File, Range);
    J.attributeEnd();
    J.attribute("severity", Severity);
    if (!Code.empty())
      J.attribute("code", Code);
    J.attribute("source", "rampart");
    J.attribute("message", jsonText(Message));
    if (More)
      More();
  });
}

void writeFinding(llvm::json::OStream &J, const Snapshot &S,
                  const posture::Finding &F) {
  const check::Check &C = *F.Result.TheCheck;
  writeDiagnostic(J, *F.Result.Source, F.Result.Range, severityOf(F.Severity),
                  C.Id, C.Title + ": " + F.Result.Message, [&] {
                    J.attributeObject("codeDescription", [&] {
                      J.attribute("href", report::checkHelpUri(C));
                    });
                    J.attributeObject("data", [&] {
                      J.attribute("check", C.Id);
                      if (F.Fix)
                        J.attributeObject("fix", [&] {
                          J.attribute("title", jsonText(F.Fix->Title));
                          J.attribute("applicability",
                                      check::applicabilityName(F.Fix->Kind));
                          J.attributeBegin("edit");
                          writeWorkspaceEdit(J, *F.Fix);
                          J.attributeEnd();
                        });
                      if (std::optional<SuppressionPlace> P =
                              suppressionPlace(S, F)) {
                        J.attributeBegin("suppress");
                        writeSuppressionPlace(J, *P);
                        J.attributeEnd();
                      }
                    });
                  });
}

/// Text written by Write, as one JSON value.
std::string jsonTextOf(llvm::function_ref<void(llvm::json::OStream &)> Write) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS.SetBuffered(); // it starts unbuffered: a call per small write
  llvm::json::OStream J(OS);
  Write(J);
  OS.flush();
  return Text;
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

std::vector<std::string> diagnosticTexts(const Snapshot &S,
                                         const std::string &Path) {
  std::vector<std::string> Out;
  const workspace::LoadedFile *File = S.file(Path);
  if (!File || !File->Source)
    return Out;
  auto Add = [&](llvm::function_ref<void(llvm::json::OStream &)> Write) {
    Out.push_back(jsonTextOf(Write));
  };
  for (const posture::Finding &F : S.Result->Report.Findings)
    if (F.active() && F.Result.File == Path && F.Result.Source)
      Add([&](llvm::json::OStream &J) { writeFinding(J, S, F); });
  // Strict: what could not be decided, as information.
  for (const check::Result &U : S.Result->Report.Unknown)
    if (U.File == Path && U.Source)
      Add([&](llvm::json::OStream &J) {
        writeDiagnostic(J, *U.Source, U.Range, 3, U.TheCheck->Id,
                        "unknown: " + U.Message);
      });
  auto AddPlain = [&](const Diagnostic &D) {
    Add([&](llvm::json::OStream &J) {
      writeDiagnostic(J, *File->Source, D.Range, severityOf(D.Level), "",
                      D.Message);
    });
  };
  for (const report::ReportDiagnostic &D : S.Result->Report.Diagnostics)
    if (D.File == Path)
      AddPlain(D.D);
  std::set<std::pair<uint32_t, std::string>> Seen;
  for (const model::DeploymentUnit &U : S.Result->Units)
    for (const model::FileDiagnostic &D : U.Diagnostics)
      if (D.File == Path &&
          Seen.insert({D.D.Range.Start.Offset, D.D.Message}).second)
        AddPlain(D.D);
  return Out;
}

Json diagnosticsFor(const Snapshot &S, const std::string &Path) {
  Json Out = Json::array();
  for (const std::string &D : diagnosticTexts(S, Path))
    Out.push_back(Json::parse(D));
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
