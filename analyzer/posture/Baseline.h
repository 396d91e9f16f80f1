//===- Baseline.h - Findings known before, by fingerprint ------*- C++ -*-===//
//
// `rampart baseline create FILE` records the current findings by
// fingerprint (check, unit, resource, property path: no line numbers), so
// `--baseline FILE` reports only findings that are new, and lines added
// above a known finding do not make it new.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_BASELINE_H
#define RAMPART_ANALYZER_POSTURE_BASELINE_H

#include "analyzer/posture/Finding.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

namespace rampart::posture {

struct Baseline {
  llvm::StringSet<> Fingerprints;

  bool contains(const Finding &F) const {
    return Fingerprints.contains(F.Fingerprint);
  }
};

/// The baseline file for these findings (suppressed ones left out: their
/// suppression already records the decision).
nlohmann::ordered_json baselineToJson(llvm::ArrayRef<Finding> Findings);

/// Reads a file written by baselineToJson; the error names the file and,
/// for malformed JSON, the byte offset.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// Marks the findings the baseline knows.
void applyBaseline(const Baseline &B, std::vector<Finding> &Findings);

} // namespace rampart::posture

#endif
