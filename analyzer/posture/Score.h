//===- Score.h - Secure score, the way Defender for Cloud computes it -*- C++
//-*-===//
//
// The classic control-based model (checks-catalog.md, "Secure score"): per
// control, current = max x healthy / (healthy + unhealthy) over the
// resources its checks assess; per deployment unit, score = sum of current /
// sum of max over the controls with assessments; across units, each unit's
// percentage weighted by its assessed resources. A resource is healthy for a
// control only when every check of the control that assessed it is healthy.
// Unknown and not-applicable outcomes, and risk-accepted suppressions, leave
// the resource out; a mitigated suppression counts it healthy.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_SCORE_H
#define RAMPART_ANALYZER_POSTURE_SCORE_H

#include "analyzer/posture/Finding.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace rampart::posture {

/// Defender's published maximum for a security control; 0 for a control it
/// does not publish (a user check may name any).
double maxPointsOf(llvm::StringRef Control);

struct ControlScore {
  std::string Control;
  double MaxPoints = 0;
  unsigned Healthy = 0, Unhealthy = 0;

  unsigned assessed() const { return Healthy + Unhealthy; }
  double current() const;
  /// What fixing every unhealthy resource would add.
  double potential() const { return MaxPoints - current(); }
};

struct UnitScore {
  std::string Unit; ///< The unit's root (entry file or module directory).
  Dialect TheDialect = Dialect::Arm;
  const model::DeploymentUnit *Source = nullptr;
  /// The controls with at least one assessed resource, in catalog order.
  std::vector<ControlScore> Controls;

  double maxPoints() const;
  double currentPoints() const;
  /// 0-100; 100 when nothing was assessed.
  double percent() const;
  /// Healthy plus unhealthy resources over the controls with points: the
  /// unit's weight in the repository score.
  unsigned weight() const;
};

/// One check ranked by what fixing all its findings would add.
struct Recommendation {
  const check::Check *Check = nullptr;
  unsigned UnhealthyResources = 0;
  /// Percentage points of the repository score.
  double Gain = 0;
};

struct SecureScore {
  std::vector<UnitScore> Units;
  /// Per control over the whole repository: the units' counts summed.
  std::vector<ControlScore> Controls;
  /// Units' percentages weighted by their weight; 100 when none assessed.
  double Percent = 100;
  /// Every check with an unhealthy resource, the best gain first.
  std::vector<Recommendation> Recommendations;
};

struct ScoreOptions {
  /// --strict: an unknown outcome counts the resource unhealthy.
  bool UnknownIsUnhealthy = false;
};

/// Each result of the engine with the exemption that applies to it (None,
/// or the category of the suppression that covers it).
struct Scored {
  const check::Result *Result = nullptr;
  Exemption Exempt = Exemption::None;
};

/// Scores the units. Units with no assessed resource keep an entry (with no
/// controls) so every unit has a line in reports.
SecureScore computeScore(const std::vector<model::DeploymentUnit> &Units,
                         llvm::ArrayRef<Scored> Results,
                         const ScoreOptions &Options = {});

/// Sets each finding's ScoreGain: the percentage points of its unit gained
/// by fixing it, zero unless it is the resource's last unhealthy check in
/// its control.
void setScoreGains(const SecureScore &Score, llvm::ArrayRef<Scored> Results,
                   std::vector<Finding> &Findings,
                   const ScoreOptions &Options = {});

/// Percentage points of the repository score gained by fixing every active
/// finding (neither suppressed nor baselined): each finding's gain on its
/// unit, weighted as units are in the repository score. What a pull
/// request's new findings cost.
double gainOfFixing(const SecureScore &Score, llvm::ArrayRef<Finding> Findings);

} // namespace rampart::posture

#endif
