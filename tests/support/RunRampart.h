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

/// Runs a shell command line (stderr kept) and returns its output.
Run runCommand(const std::string &Command);

/// The rampart binary under test, quoted for a shell.
std::string rampartCommand();

} // namespace rampart::testing

#endif
