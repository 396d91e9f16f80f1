//===- IsSet.h - "This property must be set" as a predicate ----*- C++ -*-===//
#ifndef RAMPART_CHECKS_AWS_COMMON_ISSET_H
#define RAMPART_CHECKS_AWS_COMMON_ISSET_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Property.h"

namespace rampart::checks::aws {

/// Healthy when the property at Path (dot-separated) is set: a reference to
/// another resource (a key's ARN) counts as set, a missing or null one is
/// unhealthy with MissingDetail, an unresolved value is unknown.
inline check::Predicate mustBeSet(std::string Path, std::string MissingDetail) {
  return [Path, MissingDetail](const check::Subject &S) -> check::Evaluation {
    check::Lookup L = check::lookupPath(S.Resource.Properties, Path, false);
    if (L.Result == check::Lookup::State::Missing)
      return {check::Outcome::Unhealthy, nullptr, {Path}, MissingDetail};
    check::Match M = check::isConfigured(L.Value);
    if (M.isTrue())
      return check::Evaluation::healthy();
    if (M.isFalse())
      return {check::Outcome::Unhealthy, nullptr, {Path}, MissingDetail};
    return {check::Outcome::Unknown,
            L.Value,
            {Path},
            Path + " is unknown: " +
                (L.Value ? L.Value->asString().str() : std::string())};
  };
}

} // namespace rampart::checks::aws

#endif
