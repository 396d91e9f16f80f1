//===- Value.h - Evaluated values, three-valued ----------------*- C++ -*-===//
//
// What evaluation produces from a dialect's document: a tree of known values
// (null, bool, int, float, string, array, object), Unknown values (cannot be
// resolved statically; they carry a reason and the origin that caused them)
// and Expression values (symbolic: an unevaluated dialect expression such as
// a reference to another resource's runtime attribute, kept with its text and
// the resource it points at). Checks treat Unknown and Expression alike: the
// outcome is unknown, never false.
//
// Values are immutable and share structure: copying one is a reference-count
// increment. Every value keeps the Origin of the text that produced it, which
// may be in another file than the resource (a parameter file, a module).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_MODEL_VALUE_H
#define RAMPART_ANALYZER_MODEL_VALUE_H

#include "parsers/common/SourceFile.h"
#include "parsers/common/SourceRange.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rampart::model {

/// The file and range of the text that produced a value. File is null for
/// values that come from no text (defaults of the evaluator, CLI overrides).
struct Origin {
  const SourceFile *File = nullptr;
  SourceRange Range;

  bool hasFile() const { return File != nullptr; }
};

enum class ValueKind : uint8_t {
  Null,
  Bool,
  Int,
  Float,
  String,
  Array,
  Object,
  Unknown,
  Expression,
};

llvm::StringRef valueKindName(ValueKind K);

struct Member;

class Value {
public:
  /// A null value with no origin.
  Value();

  static Value null(Origin O = {});
  static Value boolean(bool B, Origin O = {});
  static Value integer(int64_t I, Origin O = {});
  static Value floating(double F, Origin O = {});
  static Value string(std::string S, Origin O = {});
  static Value array(std::vector<Value> Items, Origin O = {});
  static Value object(std::vector<Member> Members, Origin O = {});
  /// Cannot be resolved statically; Reason is a lower-case phrase
  /// ("parameter 'sku' has no default").
  static Value unknown(std::string Reason, Origin O = {});
  /// Unknown, but known to be one of Alternatives: the branches of a
  /// CloudFormation Fn::If whose condition is unknown, the AllowedValues of
  /// a parameter without a value. A check may be sure of its outcome when
  /// every alternative agrees. Alternatives that are themselves one-of are
  /// flattened, so nesting stays linear.
  static Value oneOf(std::vector<Value> Alternatives, std::string Reason,
                     Origin O = {});
  /// A symbolic dialect expression. RefersTo is the unit-unique id of the
  /// resource it points at, if any; Attribute the path into that resource.
  static Value expression(std::string Text, Origin O = {},
                          std::string RefersTo = {},
                          std::vector<std::string> Attribute = {});

  ValueKind kind() const;
  bool is(ValueKind K) const { return kind() == K; }
  /// Not Unknown and not Expression (the children may still be).
  bool isKnown() const;
  /// Known all the way down.
  bool isFullyKnown() const;
  /// Whether the tree has at most Limit nodes and nests at most
  /// MaxNestingDepth deep. Values share structure, so a tree can double per
  /// step of a template; this stops counting at Limit, where a full walk
  /// (printing, checking) could take exponential time.
  bool hasAtMostNodes(size_t Limit) const;
  bool isNull() const { return is(ValueKind::Null); }

  bool asBool() const;
  int64_t asInt() const;
  /// Int or Float as a double.
  double asNumber() const;
  /// The string; the reason of an Unknown; the text of an Expression.
  llvm::StringRef asString() const;
  llvm::ArrayRef<Value> items() const;
  llvm::ArrayRef<Member> members() const;
  /// The alternatives of a one-of Unknown; empty for any other value.
  llvm::ArrayRef<Value> alternatives() const;
  /// The resource an Expression refers to, and the attribute path.
  llvm::StringRef refersTo() const;
  llvm::ArrayRef<std::string> attribute() const;

  /// The first member with this key. ARM property names are
  /// case-insensitive: use getInsensitive for them.
  const Value *get(llvm::StringRef Key) const;
  const Value *getInsensitive(llvm::StringRef Key) const;
  const Member *memberNamed(llvm::StringRef Key, bool CaseInsensitive) const;

  const Origin &origin() const;
  Value withOrigin(Origin O) const;
  /// A value that came through a variable (a Terraform variable, a module
  /// input): origin() is the expression that used it, setAt() where its
  /// value was set (a default, a .tfvars line, the module call). Without a
  /// file when the value came straight from its expression.
  const Origin &setAt() const;
  /// This value as used at Use, remembering where it was set.
  Value through(Origin Use) const;

  /// Secret: it came from a Terraform `sensitive` variable or output, or
  /// through sensitive(). Reports must not print it.
  bool isSensitive() const;
  Value markedSensitive(bool Sensitive = true) const;

  /// Structural equality of known values; origins are ignored. Unknown and
  /// Expression values are equal only to themselves (same text).
  bool sameAs(const Value &Other) const;

private:
  struct Data;
  static Value from(Data D);
  std::shared_ptr<const Data> D;
};

/// The first Unknown or Expression inside V (V itself included), or null:
/// what makes V not fully known.
const Value *firstUnknown(const Value &V);

/// The ids of the resources V refers to (its Expression values' refersTo),
/// anywhere inside it, alternatives included.
void collectReferences(const Value &V, llvm::StringSet<> &Out);

/// An object member: the key keeps its own origin.
struct Member {
  std::string Key;
  Origin KeyOrigin;
  Value V;
};

} // namespace rampart::model

#endif
