//===- Value.cpp - Evaluated values, three-valued -------------------------===//
#include "analyzer/model/Value.h"

#include "parsers/common/Document.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::model {

// Every node of every evaluated tree is one Data, so its size and the number
// of members to construct and destroy dominate the evaluators' allocation
// (the corpus makes millions). What few values carry (where a variable was
// set, one-of alternatives, an Expression's target) lives in Rare, shared
// between copies like the rest, and absent from the common value.
struct Value::Data {
  struct Rare {
    Origin SetAt;
    std::vector<Value> Alternatives;
    std::string RefersTo;
    std::vector<std::string> Attribute;
  };

  explicit Data(ValueKind K = ValueKind::Null, Origin O = {})
      : Kind(K), Where(O) {}

  /// The rare fields, to read: empty ones when there are none.
  const Rare &rare() const {
    static const Rare None;
    return Extra ? *Extra : None;
  }
  /// The rare fields, to change: copied first if other values share them.
  Rare &rareToChange() {
    auto Own =
        Extra ? std::make_shared<Rare>(*Extra) : std::make_shared<Rare>();
    Rare &R = *Own;
    Extra = std::move(Own);
    return R;
  }

  ValueKind Kind;
  bool Bool = false;
  bool Sensitive = false;
  Origin Where;
  int64_t Int = 0;
  double Float = 0;
  std::string Text; ///< String, Unknown reason, Expression text
  std::vector<Value> Items;
  std::vector<Member> Members;
  std::shared_ptr<const Rare> Extra; ///< Null when every rare field is empty.
};

namespace {
const Origin NoOrigin;
} // namespace

llvm::StringRef valueKindName(ValueKind K) {
  switch (K) {
  case ValueKind::Null:
    return "null";
  case ValueKind::Bool:
    return "bool";
  case ValueKind::Int:
    return "int";
  case ValueKind::Float:
    return "float";
  case ValueKind::String:
    return "string";
  case ValueKind::Array:
    return "array";
  case ValueKind::Object:
    return "object";
  case ValueKind::Unknown:
    return "unknown";
  case ValueKind::Expression:
    return "expression";
  }
  return "null";
}

Value::Value() = default;

Value Value::from(Data D) {
  Value V;
  V.D = std::make_shared<const Data>(std::move(D));
  return V;
}

Value Value::null(Origin O) { return from(Data(ValueKind::Null, O)); }

Value Value::boolean(bool B, Origin O) {
  Data D{ValueKind::Bool, O};
  D.Bool = B;
  return from(std::move(D));
}

Value Value::integer(int64_t I, Origin O) {
  Data D{ValueKind::Int, O};
  D.Int = I;
  return from(std::move(D));
}

Value Value::floating(double F, Origin O) {
  Data D{ValueKind::Float, O};
  D.Float = F;
  return from(std::move(D));
}

Value Value::string(std::string S, Origin O) {
  Data D{ValueKind::String, O};
  D.Text = std::move(S);
  return from(std::move(D));
}

Value Value::array(std::vector<Value> Items, Origin O) {
  Data D{ValueKind::Array, O};
  D.Items = std::move(Items);
  return from(std::move(D));
}

Value Value::object(std::vector<Member> Members, Origin O) {
  Data D{ValueKind::Object, O};
  D.Members = std::move(Members);
  return from(std::move(D));
}

Value Value::unknown(std::string Reason, Origin O) {
  Data D{ValueKind::Unknown, O};
  D.Text = std::move(Reason);
  return from(std::move(D));
}

Value Value::oneOf(std::vector<Value> Alternatives, std::string Reason,
                   Origin O) {
  Data D{ValueKind::Unknown, O};
  D.Text = std::move(Reason);
  std::vector<Value> Flat;
  for (Value &A : Alternatives) {
    if (A.alternatives().empty())
      Flat.push_back(std::move(A));
    else
      llvm::append_range(Flat, A.alternatives());
  }
  if (!Flat.empty())
    D.rareToChange().Alternatives = std::move(Flat);
  return from(std::move(D));
}

Value Value::expression(std::string Text, Origin O, std::string RefersTo,
                        std::vector<std::string> Attribute) {
  Data D{ValueKind::Expression, O};
  D.Text = std::move(Text);
  if (!RefersTo.empty() || !Attribute.empty()) {
    Data::Rare &R = D.rareToChange();
    R.RefersTo = std::move(RefersTo);
    R.Attribute = std::move(Attribute);
  }
  return from(std::move(D));
}

ValueKind Value::kind() const { return D ? D->Kind : ValueKind::Null; }

bool Value::isKnown() const {
  return !is(ValueKind::Unknown) && !is(ValueKind::Expression);
}

bool Value::isFullyKnown() const {
  if (!isKnown())
    return false;
  if (!D)
    return true;
  return llvm::all_of(D->Items,
                      [](const Value &V) { return V.isFullyKnown(); }) &&
         llvm::all_of(D->Members,
                      [](const Member &M) { return M.V.isFullyKnown(); });
}

namespace {
bool countDown(const Value &V, size_t &Budget, unsigned Depth) {
  if (Budget == 0 || Depth > MaxNestingDepth)
    return false;
  --Budget;
  for (const Value &I : V.items())
    if (!countDown(I, Budget, Depth + 1))
      return false;
  for (const Member &M : V.members())
    if (!countDown(M.V, Budget, Depth + 1))
      return false;
  for (const Value &A : V.alternatives())
    if (!countDown(A, Budget, Depth + 1))
      return false;
  return true;
}
} // namespace

bool Value::hasAtMostNodes(size_t Limit) const {
  size_t Budget = Limit;
  return countDown(*this, Budget, 0);
}

bool Value::asBool() const { return D && D->Bool; }
int64_t Value::asInt() const { return D ? D->Int : 0; }
double Value::asNumber() const {
  if (!D)
    return 0;
  return D->Kind == ValueKind::Int ? static_cast<double>(D->Int) : D->Float;
}
llvm::StringRef Value::asString() const {
  return D ? llvm::StringRef(D->Text) : llvm::StringRef();
}
llvm::ArrayRef<Value> Value::items() const {
  return D ? llvm::ArrayRef<Value>(D->Items) : llvm::ArrayRef<Value>();
}
llvm::ArrayRef<Member> Value::members() const {
  return D ? llvm::ArrayRef<Member>(D->Members) : llvm::ArrayRef<Member>();
}
llvm::ArrayRef<Value> Value::alternatives() const {
  return D ? llvm::ArrayRef<Value>(D->rare().Alternatives)
           : llvm::ArrayRef<Value>();
}
llvm::StringRef Value::refersTo() const {
  return D ? llvm::StringRef(D->rare().RefersTo) : llvm::StringRef();
}
llvm::ArrayRef<std::string> Value::attribute() const {
  return D ? llvm::ArrayRef<std::string>(D->rare().Attribute)
           : llvm::ArrayRef<std::string>();
}

const Member *Value::memberNamed(llvm::StringRef Key,
                                 bool CaseInsensitive) const {
  for (const Member &M : members())
    if (CaseInsensitive ? Key.equals_insensitive(M.Key) : Key == M.Key)
      return &M;
  return nullptr;
}

const Value *Value::get(llvm::StringRef Key) const {
  const Member *M = memberNamed(Key, false);
  return M ? &M->V : nullptr;
}

const Value *Value::getInsensitive(llvm::StringRef Key) const {
  const Member *M = memberNamed(Key, true);
  return M ? &M->V : nullptr;
}

const Origin &Value::origin() const { return D ? D->Where : NoOrigin; }

Value Value::withOrigin(Origin O) const {
  Data Copy = D ? *D : Data();
  Copy.Where = O;
  return from(std::move(Copy));
}

const Value *firstUnknown(const Value &V) {
  if (!V.isKnown())
    return &V;
  for (const Value &Item : V.items())
    if (const Value *U = firstUnknown(Item))
      return U;
  for (const Member &M : V.members())
    if (const Value *U = firstUnknown(M.V))
      return U;
  return nullptr;
}

void collectReferences(const Value &V, llvm::StringSet<> &Out) {
  if (V.is(ValueKind::Expression) && !V.refersTo().empty())
    Out.insert(V.refersTo());
  for (const Value &I : V.items())
    collectReferences(I, Out);
  for (const Member &M : V.members())
    collectReferences(M.V, Out);
  for (const Value &A : V.alternatives())
    collectReferences(A, Out);
}

const Origin &Value::setAt() const {
  static const Origin None;
  return D ? D->rare().SetAt : None;
}

Value Value::through(Origin Use) const {
  Data Copy = D ? *D : Data();
  if (!Copy.rare().SetAt.hasFile())
    Copy.rareToChange().SetAt = Copy.Where;
  Copy.Where = Use;
  return from(std::move(Copy));
}

bool Value::isSensitive() const { return D && D->Sensitive; }

Value Value::markedSensitive(bool Sensitive) const {
  if (isSensitive() == Sensitive)
    return *this;
  Data Copy = D ? *D : Data();
  Copy.Sensitive = Sensitive;
  return from(std::move(Copy));
}

bool Value::sameAs(const Value &Other) const {
  if (kind() != Other.kind())
    return false;
  switch (kind()) {
  case ValueKind::Null:
    return true;
  case ValueKind::Bool:
    return asBool() == Other.asBool();
  case ValueKind::Int:
    return asInt() == Other.asInt();
  case ValueKind::Float:
    return asNumber() == Other.asNumber();
  case ValueKind::String:
  case ValueKind::Unknown:
  case ValueKind::Expression:
    return asString() == Other.asString();
  case ValueKind::Array:
    return items().size() == Other.items().size() &&
           llvm::all_of(llvm::zip(items(), Other.items()), [](auto P) {
             return std::get<0>(P).sameAs(std::get<1>(P));
           });
  case ValueKind::Object:
    return members().size() == Other.members().size() &&
           llvm::all_of(llvm::zip(members(), Other.members()), [](auto P) {
             return std::get<0>(P).Key == std::get<1>(P).Key &&
                    std::get<0>(P).V.sameAs(std::get<1>(P).V);
           });
  }
  return false;
}

} // namespace rampart::model
