//===- Score.cpp - Secure score, the way Defender for Cloud computes it ---===//
#include "analyzer/posture/Score.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <map>

namespace rampart::posture {

namespace {

struct ControlPoints {
  llvm::StringLiteral Name;
  double Max;
};

// Defender's published maxima (checks-catalog.md §2.2), in its order.
constexpr ControlPoints Controls[] = {
    {"Enable MFA", 10},
    {"Secure management ports", 8},
    {"Apply system updates", 6},
    {"Remediate vulnerabilities", 6},
    {"Remediate security configurations", 4},
    {"Manage access and permissions", 4},
    {"Enable encryption at rest", 4},
    {"Encrypt data in transit", 4},
    {"Restrict unauthorized network access", 4},
    {"Apply adaptive application control", 3},
    {"Protect applications against DDoS attacks", 2},
    {"Enable endpoint protection", 2},
    {"Enable auditing and logging", 1},
    {"Enable enhanced security features", 0},
    {"Implement security best practices", 0},
};

/// Catalog order first, then controls of user checks by name.
size_t controlRank(llvm::StringRef Control) {
  for (size_t I = 0; I < std::size(Controls); ++I)
    if (Controls[I].Name == Control)
      return I;
  return std::size(Controls);
}

/// What one check's outcome says about a resource for its control.
enum class Verdict { Ignored, Healthy, Unhealthy };

Verdict verdictOf(const Scored &S, const ScoreOptions &Options) {
  if (S.Exempt == Exemption::Accepted)
    return Verdict::Ignored;
  if (S.Exempt == Exemption::Mitigated)
    return Verdict::Healthy;
  switch (S.Result->TheOutcome) {
  case check::Outcome::Healthy:
    return Verdict::Healthy;
  case check::Outcome::Unhealthy:
    return Verdict::Unhealthy;
  case check::Outcome::Unknown:
    return Options.UnknownIsUnhealthy ? Verdict::Unhealthy : Verdict::Ignored;
  case check::Outcome::NotApplicable:
    return Verdict::Ignored;
  }
  return Verdict::Ignored;
}

/// Per unit and control, each assessed resource with the number of checks
/// that found it unhealthy (0: healthy).
class Tally {
public:
  using ResourceCounts = std::map<const model::Resource *, unsigned>;
  using ControlMap = std::map<std::string, ResourceCounts>;

  Tally(llvm::ArrayRef<Scored> Results, const ScoreOptions &Options) {
    for (const Scored &S : Results) {
      Verdict V = verdictOf(S, Options);
      if (V == Verdict::Ignored)
        continue;
      unsigned &Failing = PerUnit[S.Result->Unit][S.Result->TheCheck->Control]
                                 [S.Result->Resource];
      Failing += V == Verdict::Unhealthy;
    }
  }

  const ControlMap *controlsOf(const model::DeploymentUnit *U) const {
    auto It = PerUnit.find(U);
    return It == PerUnit.end() ? nullptr : &It->second;
  }

private:
  std::map<const model::DeploymentUnit *, ControlMap> PerUnit;
};

UnitScore scoreUnit(const model::DeploymentUnit &U, const Tally &T) {
  UnitScore S{U.Root, U.TheDialect, &U, {}};
  if (const Tally::ControlMap *Map = T.controlsOf(&U))
    for (const auto &[Control, Resources] : *Map) {
      ControlScore C{Control, maxPointsOf(Control), 0, 0};
      for (const auto &[Resource, Failing] : Resources)
        ++(Failing ? C.Unhealthy : C.Healthy);
      S.Controls.push_back(std::move(C));
    }
  llvm::stable_sort(S.Controls,
                    [](const ControlScore &A, const ControlScore &B) {
                      return controlRank(A.Control) < controlRank(B.Control);
                    });
  return S;
}

/// Repository-wide control rows: each control's counts summed over units.
std::vector<ControlScore> sumControls(const std::vector<UnitScore> &Units) {
  std::vector<ControlScore> Out;
  for (const UnitScore &U : Units)
    for (const ControlScore &C : U.Controls) {
      auto It = llvm::find_if(
          Out, [&](const ControlScore &O) { return O.Control == C.Control; });
      if (It == Out.end()) {
        Out.push_back(C);
        continue;
      }
      It->Healthy += C.Healthy;
      It->Unhealthy += C.Unhealthy;
    }
  llvm::stable_sort(Out, [](const ControlScore &A, const ControlScore &B) {
    return controlRank(A.Control) < controlRank(B.Control);
  });
  return Out;
}

double weightedPercent(const std::vector<UnitScore> &Units) {
  double Sum = 0, Weight = 0;
  for (const UnitScore &U : Units) {
    Sum += U.percent() * U.weight();
    Weight += U.weight();
  }
  return Weight ? Sum / Weight : 100;
}

const UnitScore *scoreOfUnit(const SecureScore &Score,
                             const model::DeploymentUnit *Unit) {
  for (const UnitScore &U : Score.Units)
    if (U.Source == Unit)
      return &U;
  return nullptr;
}

const ControlScore *controlOf(const UnitScore &U, llvm::StringRef Control) {
  for (const ControlScore &C : U.Controls)
    if (C.Control == Control)
      return &C;
  return nullptr;
}

/// Percentage points of unit U gained when one more resource of Control
/// becomes healthy.
double gainPerResource(const UnitScore &U, llvm::StringRef Control) {
  const ControlScore *C = controlOf(U, Control);
  if (!C || !C->assessed() || U.maxPoints() <= 0)
    return 0;
  return 100 * C->MaxPoints / C->assessed() / U.maxPoints();
}

/// True when Result is the only unhealthy check of its control on its
/// resource: fixing it makes the resource healthy for the control.
bool isLastFailing(const Tally &T, const check::Result &R) {
  const Tally::ControlMap *Map = T.controlsOf(R.Unit);
  if (!Map)
    return false;
  auto Control = Map->find(R.TheCheck->Control);
  if (Control == Map->end())
    return false;
  auto Resource = Control->second.find(R.Resource);
  return Resource != Control->second.end() && Resource->second == 1;
}

std::vector<Recommendation> recommend(const SecureScore &Score,
                                      llvm::ArrayRef<Scored> Results,
                                      const Tally &T,
                                      const ScoreOptions &Options) {
  double TotalWeight = 0;
  for (const UnitScore &U : Score.Units)
    TotalWeight += U.weight();
  std::map<const check::Check *, Recommendation> ByCheck;
  for (const Scored &S : Results) {
    if (verdictOf(S, Options) != Verdict::Unhealthy)
      continue;
    Recommendation &Rec = ByCheck[S.Result->TheCheck];
    Rec.Check = S.Result->TheCheck;
    ++Rec.UnhealthyResources;
    const UnitScore *U = scoreOfUnit(Score, S.Result->Unit);
    if (U && TotalWeight > 0 && isLastFailing(T, *S.Result))
      Rec.Gain += gainPerResource(*U, S.Result->TheCheck->Control) *
                  U->weight() / TotalWeight;
  }
  std::vector<Recommendation> Out;
  for (auto &[Check, Rec] : ByCheck)
    Out.push_back(Rec);
  llvm::stable_sort(Out, [](const Recommendation &A, const Recommendation &B) {
    if (A.Gain != B.Gain)
      return A.Gain > B.Gain;
    if (A.UnhealthyResources != B.UnhealthyResources)
      return A.UnhealthyResources > B.UnhealthyResources;
    return A.Check->Id < B.Check->Id;
  });
  return Out;
}

} // namespace

double maxPointsOf(llvm::StringRef Control) {
  for (const ControlPoints &C : Controls)
    if (C.Name == Control)
      return C.Max;
  return 0;
}

double ControlScore::current() const {
  return assessed() ? MaxPoints * Healthy / assessed() : 0;
}

double UnitScore::maxPoints() const {
  double Sum = 0;
  for (const ControlScore &C : Controls)
    Sum += C.MaxPoints;
  return Sum;
}

double UnitScore::currentPoints() const {
  double Sum = 0;
  for (const ControlScore &C : Controls)
    Sum += C.current();
  return Sum;
}

double UnitScore::percent() const {
  double Max = maxPoints();
  return Max > 0 ? 100 * currentPoints() / Max : 100;
}

unsigned UnitScore::weight() const {
  // Zero-point controls add nothing to the score, so not to its weight.
  unsigned Sum = 0;
  for (const ControlScore &C : Controls)
    if (C.MaxPoints > 0)
      Sum += C.assessed();
  return Sum;
}

SecureScore computeScore(const std::vector<model::DeploymentUnit> &Units,
                         llvm::ArrayRef<Scored> Results,
                         const ScoreOptions &Options) {
  Tally T(Results, Options);
  SecureScore Score;
  for (const model::DeploymentUnit &U : Units)
    Score.Units.push_back(scoreUnit(U, T));
  Score.Controls = sumControls(Score.Units);
  Score.Percent = weightedPercent(Score.Units);
  Score.Recommendations = recommend(Score, Results, T, Options);
  return Score;
}

void setScoreGains(const SecureScore &Score, llvm::ArrayRef<Scored> Results,
                   std::vector<Finding> &Findings,
                   const ScoreOptions &Options) {
  Tally T(Results, Options);
  for (Finding &F : Findings) {
    F.ScoreGain = 0;
    const check::Result &R = F.Result;
    if (F.suppressed() || !R.Unit || !isLastFailing(T, R))
      continue;
    if (const UnitScore *U = scoreOfUnit(Score, R.Unit))
      F.ScoreGain = gainPerResource(*U, R.TheCheck->Control);
  }
}

double gainOfFixing(const SecureScore &Score,
                    llvm::ArrayRef<Finding> Findings) {
  double TotalWeight = 0;
  for (const UnitScore &U : Score.Units)
    TotalWeight += U.weight();
  if (TotalWeight <= 0)
    return 0;
  double Gain = 0;
  for (const Finding &F : Findings)
    if (F.active())
      if (const UnitScore *U = scoreOfUnit(Score, F.Result.Unit))
        Gain += F.ScoreGain * U->weight() / TotalWeight;
  return Gain;
}

} // namespace rampart::posture
