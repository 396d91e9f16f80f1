//===- Harness.h - Runs rampart on hostile input, within bounds -*- C++ -*-===//
//
// The hostile-input suite (issue 11) runs the real `rampart` binary in a
// child process with its memory and time bounded: the address space through
// setrlimit (not under AddressSanitizer, whose shadow memory needs terabytes
// of it), and, in every build, a watchdog that samples the child's resident
// memory and its elapsed time and kills it when either goes over. The child
// runs with --verbose, so its phase lines say where it was when it was
// stopped.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_HOSTILE_HARNESS_H
#define RAMPART_TESTS_HOSTILE_HARNESS_H

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace rampart::hostile {

struct Limits {
  std::chrono::milliseconds Time;
  size_t MemoryMB;
};

/// What a run ended with. Killed by the watchdog: TimedOut or OverMemory,
/// and LastPhase says where.
struct Outcome {
  int ExitCode = -1; ///< -1 when a signal ended it
  int Signal = 0;
  bool TimedOut = false;
  bool OverMemory = false;
  long PeakRssKB = 0;
  double Seconds = 0;
  std::string Stdout, Stderr;
  std::string LastPhase; ///< from the --verbose phase lines
};

/// Runs Program with Args in Dir. Prepare runs in the child just before
/// exec (it may drop privileges or install a seccomp filter); a non-empty
/// string it returns is an error, and the child exits 126 after saying it.
Outcome run(const std::string &Program, const std::vector<std::string> &Args,
            const std::string &Dir, const Limits &L,
            const std::function<std::string()> &Prepare = nullptr);

/// One line saying how the run ended, for failure messages.
std::string describe(const Outcome &O);

/// Whether this binary, and so the rampart built beside it, has ASan.
bool sanitized();

} // namespace rampart::hostile

#endif
