//===- Document.h - The positioned document tree ---------------*- C++ -*-===//
//
// Parsers turn text into a syntax-faithful tree of Nodes: null, bool, number,
// string, list and map, plus Expression nodes for dialect expressions that
// are not evaluated here (HCL references, Bicep expressions, CloudFormation
// short-form tags). Every node keeps its exact range, and map keys keep their
// own ranges. The tree is at most MaxNestingDepth deep, so every consumer may
// recurse over it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_DOCUMENT_H
#define RAMPART_PARSERS_COMMON_DOCUMENT_H

#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"
#include "parsers/common/SourceRange.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"

#include <optional>
#include <string>
#include <vector>

namespace rampart {

/// Parsers stop descending here and report a diagnostic; deeper input is
/// hostile or broken, and the bound keeps recursion safe everywhere else.
constexpr unsigned MaxNestingDepth = 512;

enum class NodeKind : uint8_t {
  Null,
  Bool,
  Number,
  String,
  List,
  Map,
  Expression
};

enum class Dialect : uint8_t { Bicep, Arm, Terraform, CloudFormation };

/// What a file is for within its dialect.
enum class FileRole : uint8_t {
  Template,   ///< .bicep, ARM template, .tf / .tf.json, CloudFormation template
  Parameters, ///< .bicepparam, ARM parameter file
  Variables,  ///< .tfvars / .tfvars.json
};

llvm::StringRef nodeKindName(NodeKind K);
llvm::StringRef dialectName(Dialect D);
llvm::StringRef fileRoleName(FileRole R);

struct Node;

struct MapEntry {
  std::string Key;
  SourceRange KeyRange;
  Node *Value = nullptr;
};

/// One node of a document. Which fields are used depends on Kind:
///   Bool: BoolValue. Number: Text is the literal as written.
///   String: Text is the decoded value (escapes resolved).
///   List: Items. Map: Entries, in source order (duplicates kept).
///   Expression: Op names the construct ("call", "member", "!Ref", ...), Text
///   its name or operator where it has one, Items its positional operands and
///   Entries its named parts. Each parser documents its Op vocabulary.
struct Node {
  NodeKind Kind = NodeKind::Null;
  bool BoolValue = false;
  SourceRange Range;
  std::string Op;
  std::string Text;
  std::vector<Node *> Items;
  std::vector<MapEntry> Entries;

  bool is(NodeKind K) const { return Kind == K; }
  bool isExpression(llvm::StringRef O) const {
    return Kind == NodeKind::Expression && Op == O;
  }
  /// The first entry with this key (maps and expressions), or null.
  const Node *get(llvm::StringRef Key) const;
  const MapEntry *entry(llvm::StringRef Key) const;
  /// The number's value, when Kind is Number and the literal is valid.
  std::optional<double> number() const;
};

/// What a parser keeps of a file so that its next version can be parsed
/// incrementally (the HCL parser's tree-sitter tree); opaque to everyone
/// else.
class IncrementalState {
public:
  virtual ~IncrementalState() = default;
};

/// A parsed file: the tree, the diagnostics, and the arena that owns the
/// nodes. The SourceFile must outlive it.
class Document {
public:
  Document(const SourceFile &File, Dialect D,
           FileRole Role = FileRole::Template)
      : File(&File), TheDialect(D), Role(Role) {}
  Document(Document &&) = default;
  Document &operator=(Document &&) = default;

  const SourceFile &file() const { return *File; }
  Dialect dialect() const { return TheDialect; }
  FileRole role() const { return Role; }
  /// Relabels a document once its content has told what it is.
  void setKind(Dialect D, FileRole R) {
    TheDialect = D;
    Role = R;
  }

  const Node *root() const { return Root; }
  void setRoot(Node *N) { Root = N; }

  const std::vector<Diagnostic> &diagnostics() const { return Diags; }
  bool hasErrors() const;
  void report(Severity S, SourceRange R, std::string Message) {
    Diags.push_back({S, std::move(Message), R});
  }
  void error(SourceRange R, std::string Message) {
    report(Severity::Error, R, std::move(Message));
  }

  /// The parser's state for an incremental re-parse, when it kept one.
  const IncrementalState *incrementalState() const { return Incremental.get(); }
  void keepIncrementalState(std::shared_ptr<const IncrementalState> S) {
    Incremental = std::move(S);
  }

  /// Creates a node owned by this document.
  Node *make(NodeKind K, SourceRange R);
  Node *makeString(SourceRange R, std::string Value);
  Node *makeExpression(SourceRange R, std::string Op, std::string Text = {});

private:
  const SourceFile *File;
  Dialect TheDialect;
  FileRole Role;
  Node *Root = nullptr;
  std::vector<Diagnostic> Diags;
  llvm::SpecificBumpPtrAllocator<Node> Nodes;
  std::shared_ptr<const IncrementalState> Incremental;
};

} // namespace rampart

#endif
