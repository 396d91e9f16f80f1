//===- Cases.h - The hostile workspaces and what a scan must say -*- C++
//-*-===//
#ifndef RAMPART_TESTS_HOSTILE_CASES_H
#define RAMPART_TESTS_HOSTILE_CASES_H

#include "tests/hostile/Harness.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace rampart::hostile {

/// The temporary directory of one case: the scan runs in Root on Root/ws;
/// Root/outside holds what must stay unread.
struct Workspace {
  std::string Root;

  /// Writes Text to Root/Path, creating its directories; "" or an error.
  std::string write(const std::string &Path, const std::string &Text) const;
  std::string link(const std::string &Target, const std::string &Path) const;
  std::string path(const std::string &Relative) const;
  /// Removes Root, whatever the case did to its permissions.
  void cleanUp() const;
};

struct Verdict {
  std::vector<std::string> Failures;
  void fail(std::string Why) { Failures.push_back(std::move(Why)); }
  bool passed() const { return Failures.empty(); }
};

/// A diagnostic the report must hold: on a file whose path ends with File,
/// with Message in its text, and (Positioned) a line in that file.
struct Expectation {
  std::string File;
  std::string Message;
  bool Positioned = true;
};

struct Case {
  std::string Name;
  /// Writes the workspace; "" or what went wrong.
  std::function<std::string(const Workspace &)> Make;
  std::vector<std::string> Args = {};
  std::vector<Expectation> Diagnostics = {};
  /// Diagnostics of evaluation, which `rampart graph` reports per unit
  /// (the scan's report holds those of reading and parsing): when given,
  /// graph runs too, under the same bounds.
  std::vector<Expectation> Evaluation = {};
  /// Further checks of the finished run and its JSON report.
  std::function<void(const Outcome &, const nlohmann::json &, const Workspace &,
                     Verdict &)>
      Check = nullptr;
  /// Run in the child before exec (Harness.h).
  std::function<std::string()> Prepare = nullptr;
  /// Exit codes that mean the scan finished: 1 for findings or files that
  /// did not parse, 0 for none.
  std::vector<int> ExitCodes = {0, 1};
  /// Non-zero: the run must end by this signal (the sandbox's own tests).
  int Signal = 0;
};

const std::vector<Case> &cases();

/// The bounds of a case: a minute and 1 GB, more under ASan, which is
/// slower and keeps freed memory in quarantine.
Limits limitsFor(const Case &C);

} // namespace rampart::hostile

#endif
