//===- RunRampart.cpp - Running the built binary in tests -----------------===//
#include "tests/support/RunRampart.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace rampart::testing {

Run runRampart(const std::string &Args, bool KeepStderr) {
  std::string Command = std::string(RAMPART_BINARY) + " " + Args +
                        (KeepStderr ? " 2>&1" : " 2>/dev/null");
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
