//===- Posture.cpp - From check results to findings and a score -----------===//
#include "analyzer/posture/Posture.h"

#include "analyzer/posture/Suppressions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <set>
#include <tuple>

namespace rampart::posture {

Scopes::Scopes(ConfigResolver &Resolver, ConfigOverrides Overrides)
    : Resolver(Resolver), Overrides(std::move(Overrides)) {}

const Config &Scopes::forPath(llvm::StringRef FileOrDir) {
  auto [Known, New] = ByPath.try_emplace(FileOrDir, nullptr);
  if (!New)
    return *Known->second;
  static const Config Defaults;
  const Config *Base = Resolver.forPath(FileOrDir);
  std::unique_ptr<Config> &Slot = Effective[Base];
  if (!Slot)
    Slot = std::make_unique<Config>(
        withOverrides(Base ? *Base : Defaults, Overrides));
  Known->second = Slot.get();
  return *Slot;
}

namespace {

/// The file a result is about: where its resource is declared, else where
/// it points.
llvm::StringRef fileOf(const check::Result &R) {
  if (R.Resource && R.Resource->Declaration.hasFile())
    return R.Resource->Declaration.File->path();
  return R.File.empty() && R.Unit ? llvm::StringRef(R.Unit->Root)
                                  : llvm::StringRef(R.File);
}

/// The scope of a result: the config closest to its resource's file.
const Config &scopeOf(Scopes &S, const check::Result &R) {
  return S.forPath(fileOf(R));
}

bool namesKnownCheck(llvm::StringRef Id,
                     llvm::ArrayRef<const check::Check *> Known) {
  return llvm::any_of(Known, [&](const check::Check *C) {
    return llvm::StringRef(C->Id).equals_insensitive(Id);
  });
}

/// Inline suppressions of the parsed files that count, grouped by the
/// config that governs their file (its suppression policy judges them). An
/// id that names no check at all is a typo: warned about here.
std::map<const Config *, std::vector<const Suppression *>>
readInline(llvm::ArrayRef<const workspace::LoadedFile *> Files, Scopes &S,
           const PostureOptions &O, Posture &P) {
  std::map<const Config *, std::vector<const Suppression *>> ByScope;
  for (const workspace::LoadedFile *File : Files) {
    const workspace::LoadedFile &F = *File;
    if (!F.Doc || !F.Source)
      continue;
    // A diff-aware run judges only the suppressions of what it assessed.
    if (O.Changes && !P.AssessedFiles.count(F.Path))
      continue;
    std::vector<Diagnostic> Malformed;
    std::vector<Suppression> Found =
        readSuppressions(*F.Source, *F.Doc, Malformed);
    for (Diagnostic &D : Malformed)
      P.Warnings.push_back({F.Path, std::move(D)});
    const Config *Scope = &S.forPath(F.Path);
    for (Suppression &Sup : Found) {
      for (const std::string &Id : Sup.Ids)
        if (!O.KnownChecks.empty() && !namesKnownCheck(Id, O.KnownChecks))
          P.Warnings.push_back({Sup.File,
                                {Severity::Warning,
                                 "rampart:ignore names no check '" + Id +
                                     "' (see `rampart checks list`)",
                                 Sup.Range}});
      P.Suppressions.push_back(std::make_unique<Suppression>(std::move(Sup)));
      ByScope[Scope].push_back(P.Suppressions.back().get());
    }
  }
  return ByScope;
}

/// Applies one group of suppressions, judged by Policy, to the results at
/// Indices that no earlier group exempted.
void applyGroup(llvm::ArrayRef<const Suppression *> Group,
                const SuppressionPolicy &Policy,
                const std::vector<size_t> &Indices,
                const llvm::StringSet<> &Ran, const PostureOptions &O,
                Posture &P) {
  std::vector<Suppression> Copies;
  for (const Suppression *Sup : Group)
    Copies.push_back(*Sup);
  std::vector<check::Result> Subset;
  for (size_t I : Indices)
    Subset.push_back(P.Results[I]);
  SuppressionOutcome Out =
      applySuppressions(Copies, Subset, Policy, O.Today, Ran);
  for (model::FileDiagnostic &W : Out.Warnings)
    P.Warnings.push_back({std::move(W.File), std::move(W.D)});
  for (size_t K = 0; K < Indices.size(); ++K)
    if (!P.SuppressedBy[Indices[K]] && Out.SuppressedBy[K])
      P.SuppressedBy[Indices[K]] = Group[Out.SuppressedBy[K] - Copies.data()];
}

/// Inline suppressions first, by the policy of the file they are in; then
/// each scope's `ignore:` entries, for the results in that scope.
void applySuppressionsOf(llvm::ArrayRef<const workspace::LoadedFile *> Files,
                         Scopes &S, const PostureOptions &O, Posture &P) {
  P.SuppressedBy.assign(P.Results.size(), nullptr);
  llvm::StringSet<> Ran;
  std::vector<size_t> Coverable;
  std::map<const Config *, std::vector<size_t>> ByScope;
  for (size_t I = 0; I < P.Results.size(); ++I) {
    const check::Result &R = P.Results[I];
    Ran.insert(R.TheCheck->Id);
    if (R.TheOutcome != check::Outcome::Unhealthy &&
        R.TheOutcome != check::Outcome::Unknown)
      continue;
    Coverable.push_back(I);
    ByScope[&scopeOf(S, R)].push_back(I);
  }
  for (auto &[Scope, Group] : readInline(Files, S, O, P))
    applyGroup(Group, Scope->suppressionPolicy(), Coverable, Ran, O, P);
  for (auto &[Scope, Indices] : ByScope) {
    std::vector<const Suppression *> Entries;
    for (const Suppression &Entry : Scope->Ignores)
      Entries.push_back(&Entry);
    applyGroup(Entries, Scope->suppressionPolicy(), Indices, Ran, O, P);
  }
}

/// A parent's `ignore:` entries reach each scope that extends it, and a
/// shared module's suppressions each unit that uses it: say each problem
/// once.
void dropRepeatedWarnings(std::vector<PostureWarning> &Warnings) {
  std::set<std::tuple<std::string, uint32_t, std::string>> Seen;
  llvm::erase_if(Warnings, [&](const PostureWarning &W) {
    return !Seen.insert({W.File, W.D.Range.Start.Offset, W.D.Message}).second;
  });
}

check::Level severityOf(const Config &Scope, const check::Result &R) {
  return Scope.severityFor(R.TheCheck->Id).value_or(R.TheCheck->Severity);
}

} // namespace

std::vector<Scored> Posture::scored() const {
  std::vector<Scored> Out;
  for (size_t I = 0; I < Results.size(); ++I)
    Out.push_back({&Results[I], SuppressedBy[I] ? SuppressedBy[I]->Category
                                                : Exemption::None});
  return Out;
}

Posture assess(llvm::ArrayRef<const workspace::LoadedFile *> Files,
               const std::vector<model::DeploymentUnit> &Units,
               std::vector<check::Result> Results, Scopes &S,
               const PostureOptions &O) {
  Posture P;
  // A check its scope disables leaves no trace: not scored, not reported.
  for (check::Result &R : Results)
    if (scopeOf(S, R).checkEnabled(R.TheCheck->Id))
      P.Results.push_back(std::move(R));
  for (const check::Result &R : P.Results) {
    if (!R.File.empty())
      P.AssessedFiles.insert(R.File);
    if (R.Resource && R.Resource->Declaration.hasFile())
      P.AssessedFiles.insert(R.Resource->Declaration.File->path().str());
  }

  applySuppressionsOf(Files, S, O, P);
  dropRepeatedWarnings(P.Warnings);

  std::vector<Scored> ScoredResults = P.scored();
  ScoreOptions SO{O.Strict};
  P.Score = computeScore(Units, ScoredResults, SO);

  std::map<const model::DeploymentUnit *, std::string> StableRoots;
  for (size_t I = 0; I < P.Results.size(); ++I) {
    const check::Result &R = P.Results[I];
    if (O.Changes && !O.Changes->keeps(R))
      continue;
    const Config &Scope = scopeOf(S, R);
    check::Level Level = severityOf(Scope, R);
    if (R.TheOutcome == check::Outcome::Unknown && O.Strict) {
      if (!P.SuppressedBy[I])
        P.Unknown.push_back(R);
      continue;
    }
    if (R.TheOutcome != check::Outcome::Unhealthy ||
        Level < Scope.SeverityThreshold.Value)
      continue;
    auto [Root, New] = StableRoots.try_emplace(R.Unit);
    if (New && R.Unit)
      Root->second = stableRoot(R.Unit->Root);
    Finding F{R,     Level, P.SuppressedBy[I], fingerprintOf(R, Root->second),
              false, 0,     std::nullopt,      nullptr};
    if (O.TheBaseline)
      F.Baselined = O.TheBaseline->contains(F);
    P.Fails |= F.active() && Level >= Scope.FailOn.Value;
    P.Findings.push_back(std::move(F));
  }
  setScoreGains(P.Score, ScoredResults, P.Findings, SO);
  return P;
}

} // namespace rampart::posture
