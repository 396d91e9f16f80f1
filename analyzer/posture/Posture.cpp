//===- Posture.cpp - From check results to findings and a score -----------===//
#include "analyzer/posture/Posture.h"

#include "analyzer/posture/Suppressions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

#include <set>

namespace rampart::posture {

Scopes::Scopes(ConfigResolver &Resolver, ConfigOverrides Overrides)
    : Resolver(Resolver), Overrides(std::move(Overrides)) {}

const Config &Scopes::forPath(llvm::StringRef FileOrDir) {
  static const Config Defaults;
  const Config *Base = Resolver.forPath(FileOrDir);
  std::unique_ptr<Config> &Slot = Effective[Base];
  if (!Slot)
    Slot = std::make_unique<Config>(
        withOverrides(Base ? *Base : Defaults, Overrides));
  return *Slot;
}

namespace {

/// The scope of a result: the config at its unit's root.
const Config &scopeOf(Scopes &S, const check::Result &R) {
  return S.forPath(R.Unit ? llvm::StringRef(R.Unit->Root)
                          : llvm::StringRef(R.File));
}

/// Inline suppressions of every parsed file, grouped by the config that
/// governs the file (its suppression policy judges them).
std::map<const Config *, std::vector<const Suppression *>>
readInline(const std::vector<workspace::LoadedFile> &Files, Scopes &S,
           Posture &P) {
  std::map<const Config *, std::vector<const Suppression *>> ByScope;
  for (const workspace::LoadedFile &F : Files) {
    if (!F.Doc || !F.Source)
      continue;
    std::vector<Diagnostic> Malformed;
    std::vector<Suppression> Found =
        readSuppressions(*F.Source, *F.Doc, Malformed);
    for (Diagnostic &D : Malformed)
      P.Warnings.push_back({F.Path, std::move(D)});
    const Config *Scope = &S.forPath(F.Path);
    for (Suppression &Sup : Found) {
      P.Suppressions.push_back(std::make_unique<Suppression>(std::move(Sup)));
      ByScope[Scope].push_back(P.Suppressions.back().get());
    }
  }
  return ByScope;
}

void applyInline(const std::vector<workspace::LoadedFile> &Files, Scopes &S,
                 const PostureOptions &O, Posture &P,
                 std::vector<const Suppression *> &SuppressedBy) {
  llvm::StringSet<> Ran;
  for (const check::Result &R : P.Results)
    Ran.insert(llvm::StringRef(R.TheCheck->Id).upper());
  for (auto &[Scope, List] : readInline(Files, S, P)) {
    std::vector<Suppression> Copies;
    for (const Suppression *Sup : List)
      Copies.push_back(*Sup);
    SuppressionOutcome Out = applySuppressions(
        Copies, P.Results, Scope->suppressionPolicy(), O.Today, Ran);
    for (auto &W : Out.Warnings)
      P.Warnings.push_back({W.File, W.D});
    for (size_t I = 0; I < SuppressedBy.size(); ++I)
      if (!SuppressedBy[I] && Out.SuppressedBy[I])
        SuppressedBy[I] = List[Out.SuppressedBy[I] - Copies.data()];
  }
}

/// Where a config entry is written: the same entry reaches several scopes
/// through `extends`, as copies.
std::pair<std::string, uint32_t> entryKey(const Suppression &S) {
  return {S.File, S.Range.Start.Offset};
}

/// Warns about each `ignore:` entry of the scopes in play that matched no
/// finding, unless no check its id names ran (--checks narrowed the run).
void warnUnmatchedIgnores(
    Scopes &S, Posture &P,
    const std::set<std::pair<std::string, uint32_t>> &Used) {
  std::set<const Config *> InPlay;
  for (const check::Result &R : P.Results)
    InPlay.insert(&scopeOf(S, R));
  std::set<std::pair<std::string, uint32_t>> Warned = Used;
  for (const Config *C : InPlay)
    for (const Suppression &Entry : C->Ignores) {
      bool Ran = llvm::any_of(P.Results, [&](const check::Result &R) {
        return ignoreMatchesId(Entry, R.TheCheck->Id);
      });
      if (!Ran || !Warned.insert(entryKey(Entry)).second)
        continue;
      P.Warnings.push_back(
          {Entry.File,
           {Severity::Warning,
            "ignore entry for " + Entry.Ids.front() + " matches no finding",
            Entry.Range}});
    }
}

/// The scope's `ignore:` entries, for results no inline suppression took.
/// An expired entry warns once and suppresses nothing; one that matches
/// nothing warns too.
void applyConfigIgnores(Scopes &S, const PostureOptions &O, Posture &P,
                        std::vector<const Suppression *> &SuppressedBy) {
  std::set<std::pair<std::string, uint32_t>> Used;
  for (size_t I = 0; I < P.Results.size(); ++I) {
    const check::Result &R = P.Results[I];
    if (SuppressedBy[I] || R.TheOutcome != check::Outcome::Unhealthy)
      continue;
    const Suppression *Entry = scopeOf(S, R).ignoreFor(
        R.TheCheck->Id, R.Resource ? llvm::StringRef(R.Resource->Id) : "",
        R.File);
    if (!Entry)
      continue;
    bool First = Used.insert(entryKey(*Entry)).second;
    if (Entry->Until && *Entry->Until < O.Today) {
      if (First)
        P.Warnings.push_back(
            {Entry->File,
             {Severity::Warning,
              "ignore entry for " + Entry->Ids.front() + " expired on " +
                  formatDate(*Entry->Until) + "; it no longer suppresses",
              Entry->Range}});
      continue;
    }
    SuppressedBy[I] = Entry;
  }
  warnUnmatchedIgnores(S, P, Used);
}

check::Level severityOf(const Config &Scope, const check::Result &R) {
  return Scope.severityFor(R.TheCheck->Id).value_or(R.TheCheck->Severity);
}

} // namespace

Posture assess(const std::vector<workspace::LoadedFile> &Files,
               const std::vector<model::DeploymentUnit> &Units,
               std::vector<check::Result> Results, Scopes &S,
               const PostureOptions &O) {
  Posture P;
  // A check its scope disables leaves no trace: not scored, not reported.
  for (check::Result &R : Results)
    if (scopeOf(S, R).checkEnabled(R.TheCheck->Id))
      P.Results.push_back(std::move(R));

  std::vector<const Suppression *> SuppressedBy(P.Results.size(), nullptr);
  applyInline(Files, S, O, P, SuppressedBy);
  applyConfigIgnores(S, O, P, SuppressedBy);

  std::vector<Scored> ScoredResults;
  for (size_t I = 0; I < P.Results.size(); ++I)
    ScoredResults.push_back({&P.Results[I], SuppressedBy[I]
                                                ? SuppressedBy[I]->Category
                                                : Exemption::None});
  ScoreOptions SO{O.Strict};
  P.Score = computeScore(Units, ScoredResults, SO);

  for (size_t I = 0; I < P.Results.size(); ++I) {
    const check::Result &R = P.Results[I];
    if (O.Changes && !O.Changes->keeps(R))
      continue;
    const Config &Scope = scopeOf(S, R);
    check::Level Level = severityOf(Scope, R);
    if (R.TheOutcome == check::Outcome::Unknown && O.Strict) {
      P.Unknown.push_back(R);
      continue;
    }
    if (R.TheOutcome != check::Outcome::Unhealthy ||
        Level < Scope.SeverityThreshold.Value)
      continue;
    Finding F{R, Level, SuppressedBy[I], fingerprintOf(R), false, 0};
    if (O.TheBaseline)
      F.Baselined = O.TheBaseline->contains(F);
    P.Fails |= F.active() && Level >= Scope.FailOn.Value;
    P.Findings.push_back(std::move(F));
  }
  setScoreGains(P.Score, ScoredResults, P.Findings, SO);
  return P;
}

} // namespace rampart::posture
