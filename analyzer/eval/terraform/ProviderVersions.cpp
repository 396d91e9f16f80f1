//===- ProviderVersions.cpp - Which provider versions a root runs with ----===//
#include "analyzer/eval/terraform/ProviderVersions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <array>
#include <limits>

namespace rampart::eval::terraform {

namespace {

using Version = std::array<unsigned, 3>;
constexpr unsigned Huge = std::numeric_limits<unsigned>::max();

/// "5.31.0", "5.1", "5" (missing parts are 0); the count of parts given.
std::optional<std::pair<Version, unsigned>> parseVersion(llvm::StringRef S) {
  S = S.trim().split('-').first; // a pre-release counts as its release
  Version V{0, 0, 0};
  unsigned Parts = 0;
  while (!S.empty() && Parts < 3) {
    auto [Head, Rest] = S.split('.');
    if (Head.getAsInteger(10, V[Parts]))
      return std::nullopt;
    ++Parts;
    S = Rest;
  }
  if (!S.empty() || Parts == 0)
    return std::nullopt;
  return std::make_pair(V, Parts);
}

/// Versions in [Low, High).
struct Interval {
  Version Low{0, 0, 0}, High{Huge, Huge, Huge};
};

/// One clause of a constraint as an interval (`!=` excludes too little to
/// change which majors are allowed, so it is ignored).
std::optional<Interval> clause(llvm::StringRef C) {
  C = C.trim();
  llvm::StringRef Op;
  for (llvm::StringRef O : {"~>", ">=", "<=", "!=", ">", "<", "="})
    if (C.consume_front(O)) {
      Op = O;
      break;
    }
  auto Parsed = parseVersion(C);
  if (!Parsed)
    return std::nullopt;
  auto [V, Parts] = *Parsed;
  Version Next = V; // the smallest version above V
  Next[2] += 1;
  Interval I;
  if (Op.empty() || Op == "=") {
    I.Low = V;
    I.High = Next;
  } else if (Op == ">=") {
    I.Low = V;
  } else if (Op == ">") {
    I.Low = Next;
  } else if (Op == "<") {
    I.High = V;
  } else if (Op == "<=") {
    I.High = Next;
  } else if (Op == "~>") {
    // Only the rightmost part given may grow: ~> 5.1 is [5.1, 6.0),
    // ~> 5.1.2 is [5.1.2, 5.2.0), ~> 5 is [5, ...).
    I.Low = V;
    if (Parts == 2)
      I.High = {V[0] + 1, 0, 0};
    else if (Parts == 3)
      I.High = {V[0], V[1] + 1, 0};
  }
  return I;
}

const Node *attribute(const Node *Body, llvm::StringRef Name) {
  if (!Body)
    return nullptr;
  for (const Node *A : Body->Items)
    if (A->isExpression("attribute") && A->Text == Name)
      return A->get("value");
  return nullptr;
}

std::vector<const Node *> blocks(const Node *Body, llvm::StringRef Type) {
  std::vector<const Node *> Out;
  if (Body)
    for (const Node *B : Body->Items)
      if (B->isExpression("block") && B->Text == Type)
        Out.push_back(B);
  return Out;
}

const Node *firstLabel(const Node *Block) {
  const Node *L = Block->get("labels");
  return L && !L->Items.empty() ? L->Items[0] : nullptr;
}

/// "hashicorp/aws" and "registry.terraform.io/hashicorp/aws" alike.
std::string fullSource(llvm::StringRef Source) {
  std::string Full = Source.count('/') == 1
                         ? "registry.terraform.io/" + Source.str()
                         : Source.str();
  return llvm::StringRef(Full).lower();
}

} // namespace

std::optional<std::vector<unsigned>> majorsAllowed(llvm::StringRef Constraint,
                                                   unsigned Latest) {
  Interval All;
  llvm::SmallVector<llvm::StringRef, 4> Clauses;
  Constraint.split(Clauses, ',', -1, false);
  for (llvm::StringRef C : Clauses) {
    if (C.trim().startswith("!="))
      continue;
    auto I = clause(C);
    if (!I)
      return std::nullopt;
    All.Low = std::max(All.Low, I->Low);
    All.High = std::min(All.High, I->High);
  }
  std::vector<unsigned> Out;
  for (unsigned M = 1; M <= std::max(Latest, All.Low[0]); ++M) {
    Version Start{M, 0, 0}, End{M + 1, 0, 0};
    if (std::max(Start, All.Low) < std::min(End, All.High))
      Out.push_back(M);
  }
  return Out;
}

unsigned latestMajor(llvm::StringRef Provider) {
  return llvm::StringSwitch<unsigned>(Provider)
      .Case("aws", 6)
      .Case("azurerm", 5)
      .Case("google", 7)
      .Default(0);
}

ProviderMajors resolveProviderMajors(llvm::ArrayRef<const Node *> RootBodies,
                                     const Node *LockFile) {
  // Local name -> (source, constraint), from required_providers.
  llvm::StringMap<std::pair<std::string, std::string>> Required;
  for (const Node *Body : RootBodies)
    for (const Node *T : blocks(Body, "terraform"))
      for (const Node *RP : blocks(T->get("body"), "required_providers"))
        for (const Node *A : RP->get("body")->Items) {
          if (!A->isExpression("attribute"))
            continue;
          const Node *V = A->get("value");
          std::string Source = "hashicorp/" + A->Text, Constraint;
          if (V->is(NodeKind::String)) { // the form before Terraform 0.13
            Constraint = V->Text;
          } else if (V->is(NodeKind::Map)) {
            if (const Node *S = V->get("source"); S && S->is(NodeKind::String))
              Source = S->Text;
            if (const Node *C = V->get("version"); C && C->is(NodeKind::String))
              Constraint = C->Text;
          }
          Required[A->Text] = {fullSource(Source), Constraint};
        }
  llvm::StringMap<unsigned> Locked; // full source -> major
  if (LockFile)
    for (const Node *P : blocks(LockFile, "provider")) {
      const Node *Label = firstLabel(P);
      const Node *V = attribute(P->get("body"), "version");
      if (!Label || !V || !V->is(NodeKind::String))
        continue;
      if (auto Parsed = parseVersion(V->Text))
        Locked[fullSource(Label->Text)] = Parsed->first[0];
    }
  ProviderMajors Out;
  auto Resolve = [&](llvm::StringRef Name, const std::string &Source,
                     llvm::StringRef Constraint) {
    if (auto It = Locked.find(Source); It != Locked.end()) {
      Out[Name] = {It->second};
      return;
    }
    if (!Constraint.empty())
      if (auto Majors = majorsAllowed(Constraint, latestMajor(Name)))
        Out[Name] = std::move(*Majors);
  };
  for (const auto &R : Required)
    Resolve(R.getKey(), R.getValue().first, R.getValue().second);
  // A locked provider the root does not list: its local name is the type.
  for (const auto &L : Locked) {
    llvm::StringRef Name = llvm::StringRef(L.getKey()).rsplit('/').second;
    if (!Out.count(Name) && !Required.count(Name))
      Out[Name] = {L.getValue()};
  }
  return Out;
}

} // namespace rampart::eval::terraform
