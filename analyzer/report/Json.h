//===- Json.h - `rampart scan --format json` -------------------*- C++ -*-===//
//
// The contract pipelines rely on (issue 6), extended, never renamed:
// `findings` holds the findings to act on (neither suppressed nor in the
// baseline); `suppressed` and `baselined` hold the others, so nothing is
// silently dropped; `score` and `compliance` give the posture.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_JSON_H
#define RAMPART_ANALYZER_REPORT_JSON_H

#include "analyzer/report/Report.h"

#include <nlohmann/json.hpp>

namespace rampart::report {

nlohmann::ordered_json reportToJson(const Report &R);
nlohmann::ordered_json scoreToJson(const posture::SecureScore &S);
/// One element of `findings`, `suppressed` or `baselined`.
nlohmann::ordered_json findingToJson(const posture::Finding &F);
/// `{"available": false}`, or the fix's title, applicability and edits
/// (file, line/column range, byte offsets, new text).
nlohmann::ordered_json fixToJson(const std::optional<fix::Fix> &Fix);

/// Invalid UTF-8 in a template must not make the writer throw.
std::string dumpJson(const nlohmann::ordered_json &J, int Indent = 2);

} // namespace rampart::report

#endif
