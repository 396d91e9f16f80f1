//===- HclEditor.cpp - Format-preserving edits of Terraform blocks --------===//
#include "parsers/terraform/HclEditor.h"

#include "parsers/common/TextLayout.h"

#include "llvm/ADT/STLExtras.h"

#include <optional>

namespace rampart::parsers {

namespace {

using llvm::StringRef;

bool isAttribute(const Node *N) { return N->isExpression("attribute"); }

const Node *findItem(const Node &Body, StringRef Op, StringRef Name) {
  for (const Node *Item : Body.Items)
    if (Item->isExpression(Op) && Item->Text == Name)
      return Item;
  return nullptr;
}

/// Where an attribute's `=` is.
uint32_t equalsOf(const Node &Attribute, StringRef Text) {
  uint32_t NameEnd = Attribute.get("name")->Range.End.Offset;
  return Text.find('=', NameEnd);
}

/// The attributes written one a line directly before Last (Last included):
/// the run whose `=` signs `terraform fmt` aligns.
std::vector<const Node *> runEndingAt(const Node &Body, const Node *Last) {
  std::vector<const Node *> Run;
  uint32_t ExpectedLine = 0;
  for (auto It = Body.Items.rbegin(); It != Body.Items.rend(); ++It) {
    const Node *Item = *It;
    if (Run.empty() && Item != Last)
      continue;
    if (!isAttribute(Item) ||
        (!Run.empty() && Item->Range.End.Line + 1 != ExpectedLine) ||
        Item->Range.Start.Line != Item->Range.End.Line)
      break;
    Run.push_back(Item);
    ExpectedLine = Item->Range.Start.Line;
  }
  return Run;
}

/// The column of each attribute's `=` in Run when they all agree (an
/// aligned run), else nullopt.
std::optional<size_t> alignedColumn(llvm::ArrayRef<const Node *> Run,
                                    StringRef Text, const TextLayout &L) {
  std::optional<size_t> Column;
  for (const Node *A : Run) {
    uint32_t Eq = equalsOf(*A, Text);
    size_t C = Eq - L.lineStart(Eq);
    if (Column && *Column != C)
      return std::nullopt;
    Column = C;
  }
  return Column;
}

/// `name = value` lines for a new attribute under missing nested blocks.
std::string newLines(llvm::ArrayRef<std::string> Path, StringRef ValueHcl,
                     const std::string &Indent, size_t NamePad,
                     const TextLayout &L) {
  if (Path.size() == 1) {
    std::string Name = Path[0];
    if (Name.size() < NamePad)
      Name.append(NamePad - Name.size(), ' ');
    return Indent + Name + " = " + ValueHcl.str();
  }
  std::string Inner = Indent + L.unit();
  return Indent + Path[0] + " {" + L.newline().str() +
         newLines(Path.drop_front(), ValueHcl, Inner, 0, L) +
         L.newline().str() + Indent + "}";
}

/// Edits adding Path (missing from Body) after Body's last attribute.
std::vector<TextEdit> insertInto(const Node &Body,
                                 llvm::ArrayRef<std::string> Path,
                                 StringRef ValueHcl, StringRef Text) {
  TextLayout L(Text);
  const Node *LastAttribute = nullptr;
  for (const Node *Item : Body.Items)
    if (isAttribute(Item))
      LastAttribute = Item;
  uint32_t Open = Body.Range.Start.Offset, Close = Body.Range.End.Offset - 1;
  if (!LastAttribute) {
    // First line of the body: after `{`, indented one level past the block.
    std::string Indent = L.indentOf(Open) + L.unit();
    bool Empty = Body.Items.empty() && L.lineStart(Open) == L.lineStart(Close);
    std::string Lines = newLines(Path, ValueHcl, Indent, 0, L);
    if (Empty)
      return {
          {Open + 1, Close,
           L.newline().str() + Lines + L.newline().str() + L.indentOf(Open)}};
    return {{L.lineEnd(Open), L.lineEnd(Open), L.newline().str() + Lines}};
  }
  std::string Indent = L.indentOf(LastAttribute->Range.Start.Offset);
  std::vector<const Node *> Run = runEndingAt(Body, LastAttribute);
  std::vector<TextEdit> Edits;
  size_t NamePad = 0;
  // `terraform fmt` aligns every run; a run of one is aligned when one
  // space separates its name from `=`.
  std::optional<size_t> Column = alignedColumn(Run, Text, L);
  if (Run.size() == 1 && Column &&
      *Column != L.indentOf(Run[0]->Range.Start.Offset).size() +
                     Run[0]->Text.size() + 1)
    Column.reset();
  if (Path.size() == 1 && Column) {
    // Name and spaces up to the `=`; a longer new name widens the run.
    size_t Width = *Column - Indent.size();
    if (Path[0].size() + 1 > Width) {
      Width = Path[0].size() + 1;
      for (const Node *A : Run)
        Edits.push_back({A->get("name")->Range.End.Offset, equalsOf(*A, Text),
                         std::string(Width - A->Text.size(), ' ')});
    }
    NamePad = Width - 1;
  }
  uint32_t At = L.lineEnd(LastAttribute->Range.End.Offset);
  Edits.push_back(
      {At, At,
       L.newline().str() + newLines(Path, ValueHcl, Indent, NamePad, L)});
  return Edits;
}

/// Whether N is written without expressions (references, calls,
/// templates) anywhere in it.
bool writtenLiterally(const Node &N) {
  if (N.is(NodeKind::Expression))
    return false;
  return llvm::all_of(N.Items,
                      [](const Node *I) { return writtenLiterally(*I); }) &&
         llvm::all_of(N.Entries, [](const MapEntry &E) {
           return writtenLiterally(*E.Value);
         });
}

/// Whether Body has a `dynamic "Type"` block: the blocks of that type are
/// generated from its for_each, not written.
bool hasDynamic(const Node &Body, StringRef Type) {
  for (const Node *Item : Body.Items) {
    const Node *Labels = Item->isExpression("block") && Item->Text == "dynamic"
                             ? Item->get("labels")
                             : nullptr;
    if (Labels && !Labels->Items.empty() && Labels->Items[0]->Text == Type)
      return true;
  }
  return false;
}

size_t countBlocks(const Node &Body, StringRef Type) {
  return llvm::count_if(Body.Items, [&](const Node *Item) {
    return Item->isExpression("block") && Item->Text == Type;
  });
}

/// Follows the block types of Path (all but its last key) from Body: the
/// body reached, and how many block types were found. A block type that a
/// `dynamic` block generates, or that is written more than once, is an
/// error: which block the edit is for cannot be told, and a block written
/// beside a dynamic one would be one too many.
llvm::Expected<std::pair<const Node *, size_t>>
enterBlocks(const Node &Body, llvm::ArrayRef<std::string> Path) {
  const Node *Cur = &Body;
  size_t I = 0;
  for (; I + 1 < Path.size(); ++I) {
    if (hasDynamic(*Cur, Path[I]))
      return editError("'" + Path[I] +
                       "' blocks are generated by a dynamic block");
    if (countBlocks(*Cur, Path[I]) > 1)
      return editError("'" + Path[I] + "' is written more than once");
    const Node *Block = findItem(*Cur, "block", Path[I]);
    if (!Block)
      break;
    Cur = Block->get("body");
  }
  return std::make_pair(Cur, I);
}

} // namespace

llvm::Expected<std::vector<TextEdit>>
setHclAttribute(const Document &Doc, const Node &Body,
                llvm::ArrayRef<std::string> Path, llvm::StringRef ValueHcl) {
  if (Path.empty() || !Body.isExpression("body"))
    return editError("an HCL edit needs a block body and an attribute");
  auto Reached = enterBlocks(Body, Path);
  if (!Reached)
    return Reached.takeError();
  auto [Cur, Entered] = *Reached;
  if (Entered + 1 < Path.size())
    return insertInto(*Cur, Path.drop_front(Entered), ValueHcl,
                      Doc.file().text());
  if (const Node *A = findItem(*Cur, "attribute", Path.back())) {
    const Node *Value = A->get("value");
    if ((Value->is(NodeKind::List) || Value->is(NodeKind::Map)) &&
        !writtenLiterally(*Value))
      return editError("'" + Path.back() +
                       "' holds expressions, which the new value would "
                       "replace with their current values");
    return std::vector<TextEdit>{
        {Value->Range.Start.Offset, Value->Range.End.Offset, ValueHcl.str()}};
  }
  return insertInto(*Cur, Path.take_back(), ValueHcl, Doc.file().text());
}

llvm::Expected<std::vector<TextEdit>>
removeHclAttribute(const Document &Doc, const Node &Body,
                   llvm::ArrayRef<std::string> Path) {
  if (Path.empty() || !Body.isExpression("body"))
    return editError("an HCL edit needs a block body and an attribute");
  auto Reached = enterBlocks(Body, Path);
  if (!Reached)
    return Reached.takeError();
  auto [Cur, Entered] = *Reached;
  if (Entered + 1 < Path.size())
    return std::vector<TextEdit>{};
  const Node *A = findItem(*Cur, "attribute", Path.back());
  if (!A)
    return std::vector<TextEdit>{};
  TextLayout L(Doc.file().text());
  return std::vector<TextEdit>{{L.lineStart(A->Range.Start.Offset),
                                L.nextLineStart(A->Range.End.Offset), ""}};
}

} // namespace rampart::parsers
