//===- Finding.h - A check result with its posture -------------*- C++ -*-===//
//
// Posture turns the engine's results into findings: each unhealthy result
// with the suppression that exempts it (if any), its fingerprint for
// baselines, whether the baseline already knew it, its effective severity
// after config overrides, and what fixing it would add to the secure score.
// Every surface (CLI reporters, language server) reads these.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_FINDING_H
#define RAMPART_ANALYZER_POSTURE_FINDING_H

#include "analyzer/check/Engine.h"
#include "analyzer/fix/Plan.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rampart::exposure {
struct AttackPath; // analyzer/exposure/AttackPaths.h
} // namespace rampart::exposure

namespace rampart::posture {

/// Defender's exemption categories: a risk-accepted resource leaves the
/// score's denominator; a mitigated one counts as healthy.
enum class Exemption : uint8_t { None, Accepted, Mitigated };
llvm::StringRef exemptionName(Exemption E);

/// A calendar day, for suppression expiry.
struct Date {
  int Year = 1970;
  unsigned Month = 1, Day = 1;

  friend auto operator<=>(const Date &, const Date &) = default;
};
/// Parses YYYY-MM-DD; nullopt when malformed or not a real day.
std::optional<Date> parseDate(llvm::StringRef Text);
std::string formatDate(const Date &D);
/// Today in UTC.
Date today();
/// The day N days after D.
Date addDays(const Date &D, int Days);

/// One suppression as written: a `rampart:ignore` comment, a
/// CloudFormation `Metadata.rampart.ignore` entry, a Terraform JSON `"//"`
/// comment, or an `ignore:` entry of `.rampart.yaml`.
struct Suppression {
  enum class Form : uint8_t { Comment, Metadata, Config };
  Form TheForm = Form::Comment;
  /// Check ids (compared ignoring case); a config entry may use globs.
  std::vector<std::string> Ids;
  std::string Reason;
  std::optional<Date> Until;
  Exemption Category = Exemption::Accepted;
  /// Where it is written.
  std::string File;
  SourceRange Range;
  /// What it covers: the whole file, or the declaration or property that
  /// starts on the line after it (Target). Config entries cover what their
  /// globs match instead.
  bool WholeFile = false;
  SourceRange Target;
  /// Config entries: resource id and file path globs (empty: any).
  std::string ResourceGlob, PathGlob;
};

/// What a platform team allows of suppressions (`.rampart.yaml`
/// `suppressions:`): a suppression that breaks it does not suppress.
struct SuppressionPolicy {
  bool RequireReason = false;
  bool RequireExpiry = false;
  /// Refuse an expiry further than this many days ahead.
  std::optional<unsigned> MaxDays;
  /// False: only the config file's `ignore:` entries suppress.
  bool AllowInline = true;
};

struct Finding {
  check::Result Result;
  /// The effective severity: the check's, unless config overrides it.
  check::Level Severity = check::Level::Medium;
  /// The active suppression that exempts it, when one does.
  const Suppression *SuppressedBy = nullptr;
  /// Stable across line shifts: a hash of check id, unit, resource id and
  /// property path.
  std::string Fingerprint;
  /// In the --baseline file: known before, not reported as new.
  bool Baselined = false;
  /// Percentage points of its unit's secure score gained by fixing it: zero
  /// unless it is its resource's last failing check in its control.
  double ScoreGain = 0;
  /// The check's fix as text edits, when it has one for this finding.
  std::optional<fix::Fix> Fix;
  /// An attack path finding (catalog §4): the chain from the entry to the
  /// target, every hop with its position. Null for a check's finding; the
  /// Result then names the path's definition as its check, the entry
  /// resource as its resource.
  std::shared_ptr<const exposure::AttackPath> Path;

  bool suppressed() const { return SuppressedBy != nullptr; }
  /// Counts toward the exit code and the "new findings" of a report.
  bool active() const { return !SuppressedBy && !Baselined; }
};

/// A unit root as the same text however and wherever the scan was run:
/// relative to the repository (the closest directory above holding
/// `.git`), links resolved; outside a repository, relative to the working
/// directory. It costs system calls: compute it once per unit.
std::string stableRoot(llvm::StringRef Root);

/// The fingerprint of a result: check id, the unit's stable root, resource
/// id and the property path the check read, hashed; no line or column goes
/// in.
std::string fingerprintOf(const check::Result &R, llvm::StringRef StableRoot);
std::string fingerprintOf(const check::Result &R);

} // namespace rampart::posture

#endif
