//===- Combine.h - Combining property evaluations (Azure checks) -*- C++
//-*-===//
//
// Several Azure checks are healthy when any one of a few settings protects
// the resource ("public network access disabled, or the firewall denies by
// default"), or only when all of them do ("Secure Boot and vTPM"). These
// combine the evaluations of the separate property rules three-valued, so
// an unknown setting never turns into a finding.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AZURE_COMBINE_H
#define RAMPART_CHECKS_AZURE_COMBINE_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Property.h"

#include <string>
#include <vector>

namespace rampart::checks::azure {

/// Healthy when some evaluation is healthy; else the first unknown one;
/// else the first unhealthy one; not-applicable when all are.
inline check::Evaluation anyHealthy(std::vector<check::Evaluation> Es) {
  const check::Evaluation *Unknown = nullptr, *Unhealthy = nullptr;
  for (const check::Evaluation &E : Es) {
    if (E.Result == check::Outcome::Healthy)
      return E;
    if (E.Result == check::Outcome::Unknown && !Unknown)
      Unknown = &E;
    if (E.Result == check::Outcome::Unhealthy && !Unhealthy)
      Unhealthy = &E;
  }
  if (Unknown)
    return *Unknown;
  if (Unhealthy)
    return *Unhealthy;
  return check::Evaluation::notApplicable();
}

/// Unhealthy when some evaluation is unhealthy (the first); else the first
/// unknown one; else healthy when some is healthy; else not-applicable.
inline check::Evaluation allHealthy(std::vector<check::Evaluation> Es) {
  const check::Evaluation *Unknown = nullptr;
  bool AnyHealthy = false;
  for (const check::Evaluation &E : Es) {
    if (E.Result == check::Outcome::Unhealthy)
      return E;
    if (E.Result == check::Outcome::Unknown && !Unknown)
      Unknown = &E;
    AnyHealthy |= E.Result == check::Outcome::Healthy;
  }
  if (Unknown)
    return *Unknown;
  return AnyHealthy ? check::Evaluation::healthy()
                    : check::Evaluation::notApplicable();
}

/// The rule "the property at Path is set" as data (exportable): a reference
/// to a resource counts, missing is unhealthy.
inline check::PropertyRule isSet(std::string Path) {
  return check::property(std::move(Path))
      .satisfies({"isConfigured", {}})
      .missingIsUnhealthy();
}

/// Healthy when the property at Path is set (a reference to a resource
/// counts: its id is never null), unhealthy when missing, unknown when it
/// cannot be resolved.
inline check::Evaluation propertyIsSet(const check::Subject &S,
                                       const std::string &Path) {
  bool Arm = S.Resource.TheDialect == Dialect::Arm ||
             S.Resource.TheDialect == Dialect::Bicep;
  check::Lookup L = check::lookupPath(S.Resource.Properties, Path, Arm);
  if (L.Result == check::Lookup::State::Missing)
    return {check::Outcome::Unhealthy, nullptr, {Path}, Path + " is not set"};
  check::Match M = check::isConfigured(L.Value);
  if (M.isTrue())
    return check::Evaluation::healthy();
  if (M.isFalse())
    return {check::Outcome::Unhealthy, L.Value, {Path}, Path + " is not set"};
  return {check::Outcome::Unknown, L.Value, {Path}, Path + " is unknown"};
}

/// E, judged on Related (a child or association resource) for the resource
/// a check evaluates: its detail names Related, and its path (into
/// Related, not into the evaluated resource) is dropped, so a missing
/// property does not point into the wrong resource.
inline check::Evaluation onRelated(const model::Resource &Related,
                                   check::Evaluation E) {
  if (E.Result == check::Outcome::Unhealthy ||
      E.Result == check::Outcome::Unknown) {
    E.Detail = check::resourceNoun(Related) + " '" +
               check::resourceLabel(Related) + "': " + E.Detail;
    E.Path.clear();
  }
  return E;
}

} // namespace rampart::checks::azure

#endif
