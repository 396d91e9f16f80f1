//===- Html.h - `rampart report`: one self-contained HTML page -*- C++ -*-===//
//
// The posture report a security lead opens: the secure score (a gauge, and
// a bar per security control), recommendations ranked by what fixing them
// adds to the score (with remediation and whether a fix is available),
// findings per file with the source lines they point at, compliance per
// framework, and each unit's network map with its attack paths and
// exposures beside it.
//
// One file that needs nothing else: the CSS is ours and inline, there is no
// script, the maps are inline SVG, and a Content-Security-Policy forbids
// every fetch, so opening it reaches no network. Everything that comes from
// templates is escaped (HtmlText.h): names, messages and source lines are
// hostile input.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_HTML_H
#define RAMPART_ANALYZER_REPORT_HTML_H

#include "analyzer/posture/Compliance.h"
#include "analyzer/report/Map.h"
#include "analyzer/report/Report.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace rampart::report {

struct HtmlReportInput {
  const Report *TheReport = nullptr;
  /// The units' maps, in unit order.
  llvm::ArrayRef<UnitMap> Maps;
  /// One per framework, in the order to show them.
  std::vector<posture::ComplianceReport> Compliance;
  /// What was scanned, for the heading.
  std::vector<std::string> Paths;
  /// When it was made (shown as given; empty: not shown).
  std::string Generated;
};

/// Past this many units, the report draws the maps of the first ones and
/// says how many it left out.
inline constexpr size_t MaxReportMaps = 60;
/// Source lines shown around a finding's range.
inline constexpr unsigned SnippetContext = 1;

void writeHtmlReport(llvm::raw_ostream &OS, const HtmlReportInput &In);

} // namespace rampart::report

#endif
