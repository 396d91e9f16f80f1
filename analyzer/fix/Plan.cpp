//===- Plan.cpp - A finding's fix as text edits ---------------------------===//
#include "analyzer/fix/Plan.h"

#include "analyzer/check/Property.h"
#include "analyzer/fix/Render.h"
#include "parsers/bicep/BicepEditor.h"
#include "parsers/cloudformation/YamlEditor.h"
#include "parsers/common/JsonEditor.h"
#include "parsers/terraform/HclEditor.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Regex.h"

namespace rampart::fix {

namespace {

using check::Applicability;
using check::FixIntent;

bool contains(const SourceRange &Outer, const SourceRange &Inner) {
  return Outer.Start.Offset <= Inner.Start.Offset &&
         Inner.End.Offset <= Outer.End.Offset;
}

/// The same bytes: a range is compared by offsets alone, so one moved by
/// earlier edits (whose lines are not recomputed) still matches.
bool sameSpan(const SourceRange &A, const SourceRange &B) {
  return A.Start.Offset == B.Start.Offset && A.End.Offset == B.End.Offset;
}

/// The nodes from the root down that contain Range, and the map entry whose
/// key is Range, if one is (a CloudFormation logical id, a Terraform JSON
/// resource name).
struct Chain {
  std::vector<const Node *> Nodes;
  const MapEntry *KeyEntry = nullptr;
};

void descend(const Node &N, const SourceRange &Range, Chain &C) {
  C.Nodes.push_back(&N);
  for (const MapEntry &E : N.Entries) {
    if (sameSpan(E.KeyRange, Range)) {
      C.KeyEntry = &E;
      return;
    }
    if (E.Value && contains(E.Value->Range, Range))
      return descend(*E.Value, Range, C);
  }
  for (const Node *Item : N.Items)
    if (Item && contains(Item->Range, Range))
      return descend(*Item, Range, C);
}

const Node *entryValue(const Node &N, llvm::StringRef Key, bool IgnoreCase) {
  for (const MapEntry &E : N.Entries)
    if (IgnoreCase ? llvm::StringRef(E.Key).equals_insensitive(Key)
                   : E.Key == Key)
      return E.Value;
  return nullptr;
}

/// A Bicep resource's body object, through its `if` and `for`.
const Node *bicepBody(const Node *Value) {
  while (Value && (Value->isExpression("if") || Value->isExpression("for")))
    Value = Value->get("body");
  return Value && Value->is(NodeKind::Map) ? Value : nullptr;
}

/// The node the editors start from: the resource object (ARM, Bicep,
/// CloudFormation, Terraform JSON) or block body (Terraform), found by
/// where the resource is declared (Declaration, in Doc's text).
const Node *resourceNode(const Document &Doc, const model::Resource &R,
                         const SourceRange &Declaration) {
  if (!Doc.root())
    return nullptr;
  Chain C;
  descend(*Doc.root(), Declaration, C);
  switch (R.TheDialect) {
  case Dialect::Arm:
    for (const Node *N : llvm::reverse(C.Nodes))
      if (const Node *Type = entryValue(*N, "type", true);
          N->is(NodeKind::Map) && Type && sameSpan(Type->Range, Declaration))
        return N;
    return nullptr;
  case Dialect::Bicep:
    for (const Node *N : llvm::reverse(C.Nodes))
      if (N->isExpression("resource"))
        return bicepBody(N->get("value"));
    return nullptr;
  case Dialect::Terraform:
    if (writtenAsJson(Doc))
      return C.KeyEntry ? C.KeyEntry->Value : nullptr;
    for (const Node *N : llvm::reverse(C.Nodes))
      if (N->isExpression("block"))
        return N->get("body");
    return nullptr;
  case Dialect::CloudFormation: {
    // SAM resources are generated from another resource's text: their
    // paths do not lead anywhere in it.
    const Node *Res = C.KeyEntry ? C.KeyEntry->Value : nullptr;
    const Node *Type = Res ? Res->get("Type") : nullptr;
    if (!Type || !Type->is(NodeKind::String) || Type->Text != R.Type)
      return nullptr;
    return Res;
  }
  }
  return nullptr;
}

/// The path an editor walks from resourceNode: CloudFormation properties
/// sit under `Properties`.
std::vector<std::string> editorPath(const model::Resource &R,
                                    llvm::StringRef Path) {
  std::vector<std::string> Keys;
  if (R.TheDialect == Dialect::CloudFormation)
    Keys.push_back("Properties");
  llvm::SmallVector<llvm::StringRef, 6> Steps;
  Path.split(Steps, '.');
  for (llvm::StringRef S : Steps) {
    // `securityRules[2]`: the key, then the element as its own step.
    auto [Key, Index] = S.split('[');
    Keys.push_back(Key.str());
    if (!Index.empty())
      Keys.push_back(("[" + Index).str());
  }
  return Keys;
}

/// The index of an element step (`[2]`), if Key is one.
std::optional<size_t> elementIndex(llvm::StringRef Key) {
  size_t N = 0;
  if (!Key.consume_front("[") || !Key.consume_back("]") ||
      Key.getAsInteger(10, N))
    return std::nullopt;
  return N;
}

/// How many leading steps of Keys lead to the last element step: the part
/// of a path the document is walked along before an editor takes over.
size_t elementPrefix(llvm::ArrayRef<std::string> Keys) {
  for (size_t I = Keys.size(); I > 0; --I)
    if (elementIndex(Keys[I - 1]))
      return I;
  return 0;
}

bool ignoresCase(Dialect D) { return D == Dialect::Arm || D == Dialect::Bicep; }

/// The N-th block of type Type in an HCL body (its body); null when there
/// is none, or a `dynamic` block of that type makes the count unreliable.
const Node *nthBlock(const Node &Body, llvm::StringRef Type, size_t N) {
  size_t Seen = 0;
  const Node *Found = nullptr;
  for (const Node *Item : Body.Items) {
    if (!Item || !Item->isExpression("block"))
      continue;
    const Node *Labels = Item->get("labels");
    if (Item->Text == "dynamic" && Labels && !Labels->Items.empty() &&
        Labels->Items.front()->Text == Type)
      return nullptr;
    if (Item->Text == Type && Seen++ == N)
      Found = Item->get("body");
  }
  return Found;
}

/// The node at Keys under Start, as written: a Terraform block is entered
/// by its type (the N-th of them with a following `[N]`), a list by `[N]`.
/// Null when a step is missing.
const Node *nodeAt(const Node &Start, llvm::ArrayRef<std::string> Keys,
                   Dialect D) {
  const Node *Cur = &Start;
  for (size_t I = 0; I < Keys.size() && Cur; ++I) {
    const std::string &Key = Keys[I];
    if (std::optional<size_t> N = elementIndex(Key)) {
      Cur = Cur->is(NodeKind::List) && *N < Cur->Items.size() ? Cur->Items[*N]
                                                              : nullptr;
      continue;
    }
    if (!Cur->isExpression("body")) {
      Cur = entryValue(*Cur, Key, ignoresCase(D));
      continue;
    }
    std::optional<size_t> Block =
        I + 1 < Keys.size() ? elementIndex(Keys[I + 1]) : std::nullopt;
    const Node *Next = nullptr;
    for (const Node *Item : Cur->Items)
      if (Item && Item->Text == Key &&
          (Item->isExpression("attribute") || Item->isExpression("block"))) {
        Next = Item->get(Item->isExpression("block") ? "body" : "value");
        if (Block && Item->isExpression("block")) {
          Next = nthBlock(*Cur, Key, *Block);
          ++I;
        }
        break;
      }
    Cur = Next;
  }
  return Cur;
}

/// Written as a literal: no reference, call or interpolation anywhere in it.
bool isLiteral(const Node &N, Dialect D, bool Json) {
  switch (N.Kind) {
  case NodeKind::Null:
  case NodeKind::Bool:
  case NodeKind::Number:
    return true;
  case NodeKind::String: {
    llvm::StringRef T = N.Text;
    if (D == Dialect::Arm)
      return !T.startswith("[") || T.startswith("[[");
    if (D == Dialect::Terraform && Json)
      return !T.contains("${");
    return true;
  }
  case NodeKind::List:
    return llvm::all_of(
        N.Items, [&](const Node *I) { return I && isLiteral(*I, D, Json); });
  case NodeKind::Map:
    if (D == Dialect::CloudFormation &&
        llvm::any_of(N.Entries, [](const MapEntry &E) {
          return E.Key == "Ref" || llvm::StringRef(E.Key).startswith("Fn::");
        }))
      return false;
    return llvm::all_of(N.Entries, [&](const MapEntry &E) {
      return E.Value && isLiteral(*E.Value, D, Json);
    });
  case NodeKind::Expression:
    return false;
  }
  return false;
}

llvm::StringRef textOf(const Document &Doc, const Node &N) {
  return Doc.file().text().slice(N.Range.Start.Offset, N.Range.End.Offset);
}

/// What a non-literal value is, for a title: "parameter httpsOnly",
/// "variable tls", else the expression itself.
std::string describeReference(const Document &Doc, const Node &N) {
  llvm::StringRef Text = textOf(Doc, N).trim();
  // An ARM expression is a JSON string: its quotes are not part of it.
  if (Text.size() >= 2 && Text.startswith("\"") && Text.endswith("\""))
    Text = Text.drop_front().drop_back();
  llvm::SmallVector<llvm::StringRef, 3> M;
  static const std::pair<const char *, const char *> Patterns[] = {
      {"^\\[parameters\\('([^']+)'\\)\\]$", "parameter "},
      {"^\\[variables\\('([^']+)'\\)\\]$", "variable "},
      {"^var\\.([A-Za-z0-9_-]+)$", "variable "},
      {"^local\\.([A-Za-z0-9_-]+)$", "local value "},
      {"^!Ref[ \t]+([A-Za-z0-9:._-]+)$", "parameter "},
  };
  for (const auto &[Pattern, Kind] : Patterns)
    if (llvm::Regex(Pattern).match(Text, &M))
      return Kind + M[1].str();
  if (const Node *Ref = N.get("Ref"); Ref && Ref->is(NodeKind::String))
    return "parameter " + Ref->Text;
  if (N.isExpression("identifier") && Doc.root())
    for (const Node *Decl : Doc.root()->Items)
      if (Decl && Decl->Text == N.Text &&
          (Decl->isExpression("param") || Decl->isExpression("var")))
        return (Decl->isExpression("param") ? "parameter " : "variable ") +
               N.Text;
  std::string Shown = Text.split('\n').first.str();
  if (Shown.size() > 40 || Shown.size() < Text.size())
    Shown = Shown.substr(0, 40) + "…";
  return "the expression `" + Shown + "`";
}

Syntax syntaxOf(const Document &Doc) {
  switch (Doc.dialect()) {
  case Dialect::Arm:
    return Doc.role() == FileRole::Template ? Syntax::ArmJson : Syntax::Json;
  case Dialect::Bicep:
    return Syntax::Bicep;
  case Dialect::Terraform:
    return writtenAsJson(Doc) ? Syntax::Json : Syntax::Hcl;
  case Dialect::CloudFormation:
    return writtenAsJson(Doc) ? Syntax::Json : Syntax::Yaml;
  }
  return Syntax::Json;
}

llvm::Expected<std::vector<TextEdit>>
lower(const FixIntent &I, const Document &Doc, const Node &Start,
      const std::vector<std::string> &Keys, llvm::StringRef ValueText) {
  bool Set = I.TheAction == FixIntent::Action::Set;
  switch (Doc.dialect()) {
  case Dialect::Bicep:
    return Set ? parsers::setBicepValue(Doc, Start, Keys, ValueText)
               : parsers::removeBicepKey(Doc, Start, Keys);
  case Dialect::Terraform:
    if (!writtenAsJson(Doc))
      return Set ? parsers::setHclAttribute(Doc, Start, Keys, ValueText)
                 : parsers::removeHclAttribute(Doc, Start, Keys);
    break;
  case Dialect::CloudFormation:
    if (!writtenAsJson(Doc))
      return Set ? parsers::setYamlValue(Doc, Start, Keys, ValueText)
                 : parsers::removeYamlKey(Doc, Start, Keys);
    break;
  case Dialect::Arm:
    break;
  }
  parsers::JsonPath Path{Keys, ignoresCase(Doc.dialect())};
  return Set ? parsers::setJsonValue(Doc, Start, Path, ValueText)
             : parsers::removeJsonKey(Doc, Start, Path);
}

/// An intent to make in the resource's own text, with its value as text.
/// A path through a list element is walked to the element (Prefix) in the
/// document; the editor takes the rest (Keys) from there. With no rest,
/// the element itself is replaced.
struct ResourceEdit {
  const FixIntent *Intent;
  std::vector<std::string> Prefix;
  std::vector<std::string> Keys;
  std::string ValueText;
};

llvm::Expected<std::vector<TextEdit>>
lowerAt(const ResourceEdit &E, const Document &Doc, const Node &Start) {
  if (E.Prefix.empty())
    return lower(*E.Intent, Doc, Start, E.Keys, E.ValueText);
  const Node *Element = nodeAt(Start, E.Prefix, Doc.dialect());
  if (!Element)
    return editError("the list element is not written in the resource");
  if (!E.Keys.empty())
    return lower(*E.Intent, Doc, *Element, E.Keys, E.ValueText);
  if (E.Intent->TheAction != FixIntent::Action::Set)
    return editError("a list element is replaced, not removed");
  return std::vector<TextEdit>{
      {Element->Range.Start.Offset, Element->Range.End.Offset, E.ValueText}};
}

/// The path as a title names it: ARM's `properties.` is left out.
std::string shownPath(const model::Resource &R, llvm::StringRef Path) {
  if (check::familyOf(R.TheDialect) == check::Family::Arm)
    Path.consume_front_insensitive("properties.");
  return Path.str();
}

/// Where a value was set, when that is a literal somewhere else than its
/// use (a parameter's default, a .tfvars line): what --fix-params edits.
struct SetSite {
  const Document *Doc = nullptr;
  const Node *N = nullptr;
};

const Node *nodeWithRange(const Node &N, const SourceRange &Range) {
  if (sameSpan(N.Range, Range))
    return &N;
  for (const MapEntry &E : N.Entries)
    if (E.Value && contains(E.Value->Range, Range))
      return nodeWithRange(*E.Value, Range);
  for (const Node *I : N.Items)
    if (I && contains(I->Range, Range))
      return nodeWithRange(*I, Range);
  return nullptr;
}

std::optional<SetSite> setSiteOf(const model::Resource &R, llvm::StringRef Path,
                                 const DocumentLookup &Docs) {
  check::Lookup L =
      check::lookupPath(R.Properties, Path, ignoresCase(R.TheDialect));
  if (L.Result != check::Lookup::State::Found)
    return std::nullopt;
  const model::Origin &At =
      L.Value->setAt().hasFile() ? L.Value->setAt() : L.Value->origin();
  if (!At.hasFile())
    return std::nullopt;
  const Document *Doc = Docs(*At.File);
  const Node *N =
      Doc && Doc->root() ? nodeWithRange(*Doc->root(), At.Range) : nullptr;
  if (!N || !isLiteral(*N, Doc->dialect(), writtenAsJson(*Doc)))
    return std::nullopt;
  return SetSite{Doc, N};
}

/// Where a range's start (or, with IsEnd, its end) moves to once Edits
/// (on the text it is in) are applied. Text inserted right at a start goes
/// before the range; at an end, after it.
uint32_t shifted(uint32_t Offset, llvm::ArrayRef<TextEdit> Edits, bool IsEnd) {
  int64_t Delta = 0;
  for (const TextEdit &E : Edits) {
    bool InsertionHere = E.Begin == E.End && E.Begin == Offset;
    if (E.End < Offset || (E.End == Offset && (!InsertionHere || !IsEnd)))
      Delta += int64_t(E.NewText.size()) - int64_t(E.End - E.Begin);
  }
  return uint32_t(int64_t(Offset) + Delta);
}

class Planner {
public:
  Planner(const check::Result &R, const DocumentLookup &Docs,
          const PlanOptions &O)
      : R(R), Res(*R.Resource), Docs(Docs), Options(O) {}

  std::optional<Fix> plan() {
    const check::FixSpec &Spec = R.TheCheck->Fix;
    Kind = Spec.Declared;
    if (!Res.Declaration.hasFile())
      return std::nullopt;
    Doc = Docs(*Res.Declaration.File);
    Start = Doc ? resourceNode(*Doc, Res, Res.Declaration.Range) : nullptr;
    if (!Start)
      return std::nullopt;
    for (const FixIntent &I : R.Fix)
      if (!classify(I))
        return std::nullopt;
    if (!editResource())
      return std::nullopt;
    if (Edits.empty())
      return std::nullopt;
    Fix F;
    F.Title = Spec.Title.empty() ? llvm::join(Titles, ", and ") : Spec.Title;
    if (!Replaced.empty())
      F.Title += " (" + llvm::join(Replaced, "; ") + ")";
    F.Kind = Kind;
    for (auto &[File, FileEdits] : Edits)
      F.Changes.push_back({File, std::move(FileEdits)});
    return F;
  }

private:
  /// Titles the intent and decides where it is made: in the resource's
  /// text (most), or where a parameter is set (--fix-params).
  bool classify(const FixIntent &I) {
    bool Set = I.TheAction == FixIntent::Action::Set;
    std::vector<std::string> Keys = editorPath(Res, I.Path);
    std::string Shown = shownPath(Res, I.Path);
    const Node *Current = nodeAt(*Start, Keys, Res.TheDialect);
    if (Current && !isLiteral(*Current, Res.TheDialect, writtenAsJson(*Doc))) {
      demote();
      std::string What = describeReference(*Doc, *Current);
      if (Set && Options.FixParams)
        if (std::optional<SetSite> Site = setSiteOf(Res, I.Path, Docs))
          return setWhereSet(I, *Site, Shown, What);
      // A module's code serves every caller: one caller's finding must not
      // replace the module's input there. Its value is fixed where the
      // caller sets it (--fix-params), or not at all.
      if (declaredInModule())
        return false;
      Replaced.push_back(
          (Set ? "replaces the value of " : "drops its use of ") + What);
    }
    std::string ValueText;
    if (Set) {
      std::optional<std::string> Text = render(I.NewValue, syntaxOf(*Doc));
      if (!Text)
        return false;
      ValueText = *Text;
      Titles.push_back((Titles.empty() ? "Set " : "set ") + Shown + " to " +
                       ValueText);
    } else {
      Titles.push_back((Titles.empty() ? "Remove " : "remove ") + Shown);
    }
    size_t Walked = elementPrefix(Keys);
    InResource.push_back(
        {&I, std::vector<std::string>(Keys.begin(), Keys.begin() + Walked),
         std::vector<std::string>(Keys.begin() + Walked, Keys.end()),
         std::move(ValueText)});
    return true;
  }

  /// One intent is lowered on the text as it is. Several are made one
  /// after another, each on the text the previous ones left (re-parsed),
  /// so two new keys in one object line up and a missing parent is created
  /// once; the fix is then the one span of text that changed.
  bool editResource() {
    if (InResource.empty())
      return true;
    if (InResource.size() == 1) {
      const ResourceEdit &E = InResource.front();
      auto Made = lowerAt(E, *Doc, *Start);
      if (!Made) {
        llvm::consumeError(Made.takeError());
        return false;
      }
      llvm::append_range(editsOf(Doc->file()), std::move(*Made));
      return true;
    }
    std::string Text = Doc->file().text().str();
    SourceRange Declaration = Res.Declaration.Range;
    for (const ResourceEdit &E : InResource) {
      auto File = SourceFile::fromText(Doc->file().path(), Text);
      Document Current =
          workspace::parseAs(*File, {Doc->dialect(), Doc->role()});
      const Node *At = resourceNode(Current, Res, Declaration);
      if (!At)
        return false;
      auto Made = lowerAt(E, Current, *At);
      if (!Made) {
        llvm::consumeError(Made.takeError());
        return false;
      }
      Declaration.Start.Offset =
          shifted(Declaration.Start.Offset, *Made, /*IsEnd=*/false);
      Declaration.End.Offset =
          shifted(Declaration.End.Offset, *Made, /*IsEnd=*/true);
      Text = applyEdits(Text, *Made).Text;
    }
    if (Text != Doc->file().text())
      editsOf(Doc->file()).push_back(spanEdit(Doc->file().text(), Text));
    return true;
  }

  /// --fix-params: the literal where the value is set takes the new value;
  /// every other use of it changes too, so the fix is unsafe.
  bool setWhereSet(const FixIntent &I, const SetSite &Site,
                   llvm::StringRef Shown, llvm::StringRef What) {
    std::optional<std::string> Text = render(I.NewValue, syntaxOf(*Site.Doc));
    if (!Text)
      return false;
    Titles.push_back((Titles.empty() ? "Set " : "set ") + Shown.str() + " to " +
                     *Text);
    Replaced.push_back("changes " + What.str() + " where it is set");
    editsOf(Site.Doc->file())
        .push_back(
            {Site.N->Range.Start.Offset, Site.N->Range.End.Offset, *Text});
    return true;
  }

  /// Whether the resource is declared in a module of its unit (a Terraform
  /// module, a Bicep module file, a nested stack), not in the unit's root.
  bool declaredInModule() const {
    if (Res.TheDialect == Dialect::Terraform)
      return llvm::StringRef(Res.Id).startswith("module.");
    llvm::StringRef File = Res.Declaration.File->path();
    return R.Unit && File != R.Unit->Root &&
           !llvm::sys::fs::equivalent(File, R.Unit->Root);
  }

  void demote() {
    if (Kind == Applicability::Safe)
      Kind = Applicability::Unsafe;
  }

  std::vector<TextEdit> &editsOf(const SourceFile &F) {
    for (auto &[File, List] : Edits)
      if (File == &F)
        return List;
    return Edits.emplace_back(&F, std::vector<TextEdit>{}).second;
  }

  const check::Result &R;
  const model::Resource &Res;
  const DocumentLookup &Docs;
  const PlanOptions &Options;
  const Document *Doc = nullptr;
  const Node *Start = nullptr;
  Applicability Kind = Applicability::Safe;
  std::vector<std::string> Titles, Replaced;
  std::vector<ResourceEdit> InResource;
  std::vector<std::pair<const SourceFile *, std::vector<TextEdit>>> Edits;
};

} // namespace

bool writtenAsJson(const Document &Doc) {
  if (Doc.file().path().endswith(".json"))
    return true;
  return Doc.dialect() == Dialect::CloudFormation &&
         Doc.file().text().ltrim().startswith("{");
}

const Node *resourceObject(const Document &Doc, const model::Resource &R) {
  return R.Declaration.hasFile() ? resourceNode(Doc, R, R.Declaration.Range)
                                 : nullptr;
}

std::optional<SourceRange> declarationSpan(const Document &Doc,
                                           const model::Resource &R) {
  if (!Doc.root() || !R.Declaration.hasFile())
    return std::nullopt;
  Chain C;
  descend(*Doc.root(), R.Declaration.Range, C);
  // A CloudFormation logical id (and a Terraform JSON resource name) is a
  // key; in Bicep a statement's parts are keyed by their own ranges too.
  bool DeclaredByKey =
      R.TheDialect == Dialect::CloudFormation ||
      (R.TheDialect == Dialect::Terraform && writtenAsJson(Doc));
  if (DeclaredByKey)
    return C.KeyEntry && C.KeyEntry->Value
               ? std::optional<SourceRange>(SourceRange{
                     C.KeyEntry->KeyRange.Start, C.KeyEntry->Value->Range.End})
               : std::nullopt;
  for (const Node *N : llvm::reverse(C.Nodes)) {
    bool Declares = false;
    switch (R.TheDialect) {
    case Dialect::Arm:
      Declares = resourceNode(Doc, R, R.Declaration.Range) == N;
      break;
    case Dialect::Bicep:
      Declares = N->isExpression("resource");
      break;
    case Dialect::Terraform:
      Declares = N->isExpression("block");
      break;
    case Dialect::CloudFormation:
      break;
    }
    if (Declares)
      return N->Range;
  }
  return std::nullopt;
}

DocumentLookup lookupIn(
    std::initializer_list<const std::vector<workspace::LoadedFile> *> Files) {
  auto Docs =
      std::make_shared<llvm::DenseMap<const SourceFile *, const Document *>>();
  for (const auto *List : Files)
    for (const workspace::LoadedFile &F : *List)
      if (F.Doc)
        (*Docs)[&F.Doc->file()] = &*F.Doc;
  return [Docs](const SourceFile &F) -> const Document * {
    auto It = Docs->find(&F);
    return It == Docs->end() ? nullptr : It->second;
  };
}

std::optional<Fix> planFix(const check::Result &R, const DocumentLookup &Docs,
                           const PlanOptions &Options) {
  if (R.TheOutcome != check::Outcome::Unhealthy || R.Fix.empty() ||
      !R.Resource || !R.TheCheck)
    return std::nullopt;
  return Planner(R, Docs, Options).plan();
}

} // namespace rampart::fix
