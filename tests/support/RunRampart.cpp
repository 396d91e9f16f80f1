//===- RunRampart.cpp - Running the built binary in tests -----------------===//
#include "tests/support/RunRampart.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace rampart::testing {

Run runRampart(const std::string &Args, bool KeepStderr) {
  return runCommand(rampartCommand() + " " + Args +
                    (KeepStderr ? "" : " 2>/dev/null"));
}

std::string rampartCommand() { return "'" RAMPART_BINARY "'"; }

Run runCommand(const std::string &Line) {
  std::string Command = "(" + Line + ") 2>&1";
  Run R;
  FILE *P = popen(Command.c_str(), "r");
  REQUIRE(P);
  std::array<char, 4096> Buf;
  size_t N;
  while ((N = fread(Buf.data(), 1, Buf.size(), P)) > 0)
    R.Out.append(Buf.data(), N);
  int Status = pclose(P);
  R.Exit = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  return R;
}

} // namespace rampart::testing
