//===- PathFindings.cpp - Attack paths as findings of their own kind ------===//
#include "analyzer/exposure/PathFindings.h"

#include "analyzer/exposure/AttackPaths.h"
#include "analyzer/posture/Suppressions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <map>
#include <set>

namespace rampart::exposure {

namespace {

/// One path as a check result: its definition's check, on its entry
/// resource, at the entry's declaration (where a `rampart:ignore` comment
/// above the resource covers it).
struct PathResult {
  check::Result Result;
  std::shared_ptr<const AttackPath> Path;
};

std::optional<PathResult> resultOf(const model::DeploymentUnit &U,
                                   AttackPath P) {
  const Hop *Entry = P.entry();
  const model::Resource *R = Entry ? U.Graph.find(Entry->ResourceId) : nullptr;
  if (!R)
    return std::nullopt;
  check::Result Res;
  Res.TheCheck = &pathCheck(*P.Definition);
  Res.Unit = &U;
  Res.Resource = R;
  Res.TheOutcome = P.State == Certainty::Definite ? check::Outcome::Unhealthy
                                                  : check::Outcome::Unknown;
  Res.Source = R->Declaration.File;
  Res.File =
      R->Declaration.hasFile() ? R->Declaration.File->path().str() : U.Root;
  Res.Range = R->Declaration.Range;
  Res.Message = P.Message;
  return PathResult{std::move(Res), std::make_shared<AttackPath>(std::move(P))};
}

/// Two paths of one definition from the same entry differ by their hops:
/// the fingerprint hashes the resources on the chain (not lines), so a
/// baseline keeps knowing a path when lines move.
std::string fingerprintOfPath(const PathResult &P, llvm::StringRef Root) {
  std::vector<std::string> Ids;
  for (const Hop &H : P.Path->Chain)
    Ids.push_back(H.ResourceId.empty() ? H.Label : H.ResourceId);
  check::Result Keyed = P.Result;
  Keyed.PropertyPath = "path:" + llvm::join(Ids, ">");
  return posture::fingerprintOf(Keyed, Root);
}

llvm::StringRef fileOf(const check::Result &R) {
  return R.File.empty() && R.Unit ? llvm::StringRef(R.Unit->Root)
                                  : llvm::StringRef(R.File);
}

/// Applies one group of suppressions, judged by Policy, to the results at
/// Indices that no earlier group exempted (as posture does for checks).
void applyGroup(llvm::ArrayRef<const posture::Suppression *> Group,
                const posture::SuppressionPolicy &Policy,
                const std::vector<size_t> &Indices,
                const std::vector<PathResult> &Results,
                const llvm::StringSet<> &Ran, const posture::PostureOptions &O,
                std::vector<const posture::Suppression *> &SuppressedBy,
                PathFindings &Out) {
  if (Group.empty())
    return;
  std::vector<posture::Suppression> Copies;
  for (const posture::Suppression *Sup : Group)
    Copies.push_back(*Sup);
  std::vector<check::Result> Subset;
  for (size_t I : Indices)
    Subset.push_back(Results[I].Result);
  posture::SuppressionOutcome Applied =
      posture::applySuppressions(Copies, Subset, Policy, O.Today, Ran);
  for (model::FileDiagnostic &W : Applied.Warnings)
    Out.Warnings.push_back({std::move(W.File), std::move(W.D)});
  for (size_t K = 0; K < Indices.size(); ++K)
    if (!SuppressedBy[Indices[K]] && Applied.SuppressedBy[K])
      SuppressedBy[Indices[K]] = Group[Applied.SuppressedBy[K] - Copies.data()];
}

/// Only suppressions that name a path id concern paths; the others were
/// judged (and warned about) by posture already.
bool namesPath(const posture::Suppression &S) {
  return llvm::any_of(S.Ids, [&S](const std::string &Id) {
    return llvm::any_of(pathChecks(), [&](const check::Check *C) {
      if (S.TheForm == posture::Suppression::Form::Config)
        return llvm::StringRef(Id).contains('*') ||
               llvm::StringRef(Id).contains('?') ||
               llvm::StringRef(C->Id).equals_insensitive(Id);
      return llvm::StringRef(C->Id).equals_insensitive(Id);
    });
  });
}

bool hasGlob(const posture::Suppression &S) {
  return llvm::any_of(S.Ids, [](const std::string &Id) {
    return llvm::StringRef(Id).find_first_of("*?[") != llvm::StringRef::npos;
  });
}

} // namespace

PathFindings
assessPaths(const std::vector<model::DeploymentUnit> &Units,
            llvm::ArrayRef<const check::Check *> Catalog, posture::Scopes &S,
            const posture::PostureOptions &O,
            llvm::ArrayRef<std::unique_ptr<posture::Suppression>> Inline) {
  PathFindings Out;
  std::vector<PathResult> Results;
  llvm::StringSet<> Ran;
  std::set<const check::Check *> RanChecks;
  for (const check::Check *C : pathChecks()) {
    for (const model::DeploymentUnit &U : Units)
      if (S.forPath(U.Root).checkEnabled(C->Id)) {
        Ran.insert(C->Id);
        RanChecks.insert(C);
        break;
      }
  }
  for (const check::Check *C : pathChecks())
    if (RanChecks.count(C))
      Out.Ran.push_back(C);
  // `--checks AZ-STORAGE-001` asks for one check: no network model at all.
  if (Ran.empty())
    return Out;

  for (const model::DeploymentUnit &U : Units) {
    NetworkModel Network = analyzeNetwork(U);
    for (AttackPath &P : findAttackPaths(U, Network, Catalog)) {
      std::optional<PathResult> R = resultOf(U, std::move(P));
      // A path its scope disables leaves no trace, as a disabled check.
      if (!R ||
          !S.forPath(fileOf(R->Result)).checkEnabled(R->Result.TheCheck->Id))
        continue;
      if (O.Changes && !O.Changes->keeps(R->Result))
        continue;
      Results.push_back(std::move(*R));
    }
  }

  // Inline suppressions by the policy of the file they are in, then each
  // scope's `ignore:` entries for the paths in that scope.
  std::vector<const posture::Suppression *> SuppressedBy(Results.size(),
                                                         nullptr);
  std::vector<size_t> All;
  std::map<const posture::Config *, std::vector<size_t>> ByScope;
  for (size_t I = 0; I < Results.size(); ++I) {
    All.push_back(I);
    ByScope[&S.forPath(fileOf(Results[I].Result))].push_back(I);
  }
  std::map<const posture::Config *, std::vector<const posture::Suppression *>>
      InlineByScope;
  for (const std::unique_ptr<posture::Suppression> &Sup : Inline)
    if (namesPath(*Sup))
      InlineByScope[&S.forPath(Sup->File)].push_back(Sup.get());
  for (auto &[Scope, Group] : InlineByScope)
    applyGroup(Group, Scope->suppressionPolicy(), All, Results, Ran, O,
               SuppressedBy, Out);
  // An entry with a glob (`AZ-*`) may have matched check findings in
  // posture: only an entry naming paths exactly is "unmatched" here.
  const llvm::StringSet<> NoneRan;
  for (auto &[Scope, Indices] : ByScope) {
    std::vector<const posture::Suppression *> Exact, Globbed;
    for (const posture::Suppression &Entry : Scope->Ignores)
      if (namesPath(Entry))
        (hasGlob(Entry) ? Globbed : Exact).push_back(&Entry);
    applyGroup(Exact, Scope->suppressionPolicy(), Indices, Results, Ran, O,
               SuppressedBy, Out);
    applyGroup(Globbed, Scope->suppressionPolicy(), Indices, Results, NoneRan,
               O, SuppressedBy, Out);
  }

  std::map<const model::DeploymentUnit *, std::string> StableRoots;
  for (size_t I = 0; I < Results.size(); ++I) {
    PathResult &P = Results[I];
    const posture::Config &Scope = S.forPath(fileOf(P.Result));
    if (P.Result.TheOutcome == check::Outcome::Unknown) {
      if (O.Strict && !SuppressedBy[I])
        Out.Unknown.push_back(P.Result);
      continue;
    }
    check::Level Level =
        Scope.severityFor(P.Result.TheCheck->Id).value_or(P.Path->Severity);
    if (Level < Scope.SeverityThreshold.Value)
      continue;
    auto [Root, New] = StableRoots.try_emplace(P.Result.Unit);
    if (New)
      Root->second = posture::stableRoot(P.Result.Unit->Root);
    posture::Finding F{
        P.Result, Level, SuppressedBy[I], fingerprintOfPath(P, Root->second),
        false,    0,     std::nullopt,    P.Path};
    if (O.TheBaseline)
      F.Baselined = O.TheBaseline->contains(F);
    Out.Fails |= F.active() && Level >= Scope.FailOn.Value;
    Out.Findings.push_back(std::move(F));
  }
  return Out;
}

} // namespace rampart::exposure
