//===- Common.cpp - Helpers shared by the Google Cloud checks -------------===//
#include "checks/google/common/Common.h"

namespace rampart::checks::google {

using namespace check;
using model::Value;
using model::ValueKind;

std::string quoted(llvm::StringRef S) {
  std::string Out = "'";
  Out += S;
  Out += "'";
  return Out;
}

std::string unknownDetail(const Match &M, const std::string &Path) {
  if (!M.Reason.empty())
    return Path + " cannot be judged: " + M.Reason;
  if (M.Where && M.Where->is(ValueKind::Expression))
    return Path + " is unknown: '" + M.Where->asString().str() +
           "' is known only after deployment";
  if (M.Where && M.Where->is(ValueKind::Unknown))
    return Path + " is unknown: " + M.Where->asString().str();
  return Path + " cannot be judged";
}

Evaluation unknownOutcome(const Match &M, std::string Path) {
  std::string Detail = unknownDetail(M, Path);
  return {Outcome::Unknown, M.Where, {std::move(Path)}, std::move(Detail)};
}

Evaluation violation(const Match &M, std::string Path, std::string Detail) {
  if (M.isFalse())
    return Evaluation::healthy();
  if (M.isUnknown())
    return unknownOutcome(M, std::move(Path));
  return {Outcome::Unhealthy, M.Where, {std::move(Path)}, std::move(Detail)};
}

Lookup lookup(const Subject &S, llvm::StringRef Path) {
  return lookupPath(S.Resource.Properties, Path, /*CaseInsensitive=*/false);
}

const Value *valueOf(const Lookup &L) {
  return L.Result == Lookup::State::Missing ? nullptr : L.Value;
}

Match lookupEquals(const Lookup &L, const Value &Expected, Truth Missing) {
  if (L.Result == Lookup::State::Missing)
    return {Missing, nullptr, {}};
  return valueEquals(*L.Value, Expected, /*IgnoreCase=*/true);
}

check::Match authorizesInternet(const check::Subject &S,
                                llvm::StringRef ListPath,
                                llvm::StringRef CidrKey) {
  using check::Lookup;
  using check::Match;
  using check::Truth;
  using model::Value;
  Lookup Networks = lookup(S, ListPath);
  if (Networks.Result == Lookup::State::Missing)
    return {Truth::False, nullptr, {}};
  if (Networks.Result == Lookup::State::Unknown)
    return {Truth::Unknown, Networks.Value, {}};
  llvm::ArrayRef<Value> Blocks = Networks.Value->is(model::ValueKind::Array)
                                     ? Networks.Value->items()
                                     : llvm::makeArrayRef(*Networks.Value);
  Match Any{Truth::False, Networks.Value, {}};
  for (const Value &Block : Blocks) {
    Match One{Truth::Unknown, &Block, {}};
    if (Block.isKnown()) {
      const Value *Cidr = Block.get(CidrKey);
      One =
          Cidr ? check::isInternetCidr(*Cidr) : Match{Truth::False, &Block, {}};
    }
    if (One.isTrue())
      return One;
    if (One.isUnknown() && !Any.isUnknown())
      Any = One;
  }
  return Any;
}

} // namespace rampart::checks::google
