//===- JUnit.h - `rampart scan --format junit` -----------------*- C++ -*-===//
//
// JUnit XML, the test report Azure DevOps (PublishTestResults) and GitLab
// (artifacts:reports:junit) show in their pipeline views: one test suite per
// check that ran, one failing test case per active finding, a skipped one
// per suppressed or baselined finding, and one passing case for a check
// without failures so no suite is empty.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_JUNIT_H
#define RAMPART_ANALYZER_REPORT_JUNIT_H

#include "analyzer/report/Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace rampart::report {

void writeJUnit(const Report &R, llvm::raw_ostream &OS);

/// Text as XML 1.0 character data or (Attribute) an attribute value: markup
/// characters become entities, characters XML 1.0 forbids (most C0
/// controls, U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD, and in
/// attributes tab, CR and LF become character references so parsers do not
/// normalize them to spaces.
std::string xmlEscape(llvm::StringRef Text, bool Attribute);

} // namespace rampart::report

#endif
