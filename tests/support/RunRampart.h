//===- RunRampart.h - Running the built binary in tests --------*- C++ -*-===//
#ifndef RAMPART_TESTS_SUPPORT_RUNRAMPART_H
#define RAMPART_TESTS_SUPPORT_RUNRAMPART_H

#include <string>

namespace rampart::testing {

struct Run {
  int Exit = -1;
  std::string Out;
};

/// Runs the built rampart with Args (already shell-quoted), as a pipeline
/// would. Stderr joins stdout, or is dropped when KeepStderr is false.
Run runRampart(const std::string &Args, bool KeepStderr = true);

} // namespace rampart::testing

#endif
