//===- GoldenGraphTest.cpp - `rampart graph` against checked-in graphs ----===//
//
// Every directory under tests/golden/ is one case: its input files, an
// optional `args` file (extra arguments for `rampart graph`, one per line)
// and expected.json, the graph JSON with the case directory written as ".".
// The comparison is of parsed JSON (key order does not matter); a mismatch
// names the JSON pointer of the first difference. With
// RAMPART_UPDATE_GOLDEN=1 the test rewrites expected.json instead; see
// tests/golden/README.md. Nothing here knows a dialect.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path goldenRoot() {
  return (fs::path(RAMPART_SOURCE_DIR) / "tests" / "golden").lexically_normal();
}

std::vector<fs::path> caseDirectories() {
  std::vector<fs::path> Out;
  for (const fs::directory_entry &E : fs::directory_iterator(goldenRoot()))
    if (E.is_directory())
      Out.push_back(E.path());
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::optional<std::string> readFile(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  if (!In)
    return std::nullopt;
  std::ostringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string shellQuote(const std::string &S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

/// The `args` file: one argument per line; blank lines and lines starting
/// with '#' are skipped.
std::string extraArguments(const fs::path &Dir) {
  std::string Out;
  std::optional<std::string> Text = readFile(Dir / "args");
  if (!Text)
    return Out;
  std::istringstream Lines(*Text);
  std::string Line;
  while (std::getline(Lines, Line)) {
    while (!Line.empty() && (Line.back() == '\r' || Line.back() == ' '))
      Line.pop_back();
    if (Line.empty() || Line[0] == '#')
      continue;
    Out += " " + shellQuote(Line);
  }
  return Out;
}

/// Writes the case directory as "." in every string, so that expectations
/// do not depend on where the sources are.
template <typename Json> void relativize(Json &J, const std::string &Prefix) {
  if (J.is_string()) {
    std::string S = J.template get<std::string>();
    for (size_t At = S.find(Prefix); At != std::string::npos;
         At = S.find(Prefix, At + 1))
      S.replace(At, Prefix.size(), ".");
    J = S;
    return;
  }
  if (J.is_array() || J.is_object())
    for (Json &Child : J)
      relativize(Child, Prefix);
}

std::string pointerToken(const std::string &Key) {
  std::string Out;
  for (char C : Key)
    Out += C == '~' ? "~0" : C == '/' ? "~1" : std::string(1, C);
  return Out;
}

struct Difference {
  std::string Pointer;
  std::string Expected, Actual;
};

std::string shortDump(const json *J) {
  if (!J)
    return "(missing)";
  std::string S = J->dump();
  return S.size() > 400 ? S.substr(0, 400) + "..." : S;
}

/// The first place where A differs from E, in E's order.
std::optional<Difference> firstDifference(const json &E, const json &A,
                                          const std::string &Pointer) {
  if (E == A)
    return std::nullopt;
  if (E.is_object() && A.is_object()) {
    for (auto It = E.begin(); It != E.end(); ++It) {
      std::string P = Pointer + "/" + pointerToken(It.key());
      if (!A.contains(It.key()))
        return Difference{P, shortDump(&It.value()), shortDump(nullptr)};
      if (auto D = firstDifference(It.value(), A.at(It.key()), P))
        return D;
    }
    for (auto It = A.begin(); It != A.end(); ++It)
      if (!E.contains(It.key()))
        return Difference{Pointer + "/" + pointerToken(It.key()),
                          shortDump(nullptr), shortDump(&It.value())};
  }
  if (E.is_array() && A.is_array()) {
    size_t N = std::min(E.size(), A.size());
    for (size_t I = 0; I < N; ++I)
      if (auto D =
              firstDifference(E[I], A[I], Pointer + "/" + std::to_string(I)))
        return D;
    std::string P = Pointer + "/" + std::to_string(N);
    return Difference{P, shortDump(N < E.size() ? &E[N] : nullptr),
                      shortDump(N < A.size() ? &A[N] : nullptr)};
  }
  return Difference{Pointer.empty() ? "/" : Pointer, shortDump(&E),
                    shortDump(&A)};
}

bool updating() {
  const char *V = std::getenv("RAMPART_UPDATE_GOLDEN");
  return V && std::string(V) == "1";
}

void checkCase(const fs::path &Dir) {
  rampart::testing::Run R = rampart::testing::runRampart(
      "graph --format json " + shellQuote(Dir.string()) + extraArguments(Dir),
      /*KeepStderr=*/false);
  if (R.Exit != 0)
    FAIL("rampart graph exited with " << R.Exit << ":\n"
                                      << R.Out.substr(0, 2000));
  // ordered_json keeps the tool's key order when the file is rewritten.
  nlohmann::ordered_json Ordered =
      nlohmann::ordered_json::parse(R.Out, nullptr, false);
  if (Ordered.is_discarded())
    FAIL("rampart graph printed no JSON:\n" << R.Out.substr(0, 2000));
  relativize(Ordered, Dir.string());
  json Actual = json::parse(Ordered.dump());

  fs::path ExpectedPath = Dir / "expected.json";
  if (updating()) {
    std::ofstream(ExpectedPath, std::ios::binary) << Ordered.dump(2) << '\n';
    WARN("rewrote " << ExpectedPath.string());
    return;
  }
  std::optional<std::string> ExpectedText = readFile(ExpectedPath);
  if (!ExpectedText)
    FAIL("no " << ExpectedPath.string()
               << "; run with RAMPART_UPDATE_GOLDEN=1 to write it");
  json Expected = json::parse(*ExpectedText, nullptr, false);
  if (Expected.is_discarded())
    FAIL(ExpectedPath.string() << " is not valid JSON");
  if (std::optional<Difference> D = firstDifference(Expected, Actual, ""))
    FAIL("the graph differs from "
         << ExpectedPath.string() << "\nfirst difference at " << D->Pointer
         << "\n  expected: " << D->Expected << "\n  actual:   " << D->Actual);
  SUCCEED(Dir.filename().string() << " matches");
}

} // namespace

TEST_CASE("golden graphs", "[golden]") {
  std::vector<fs::path> Dirs = caseDirectories();
  REQUIRE(!Dirs.empty());
  for (const fs::path &Dir : Dirs) {
    DYNAMIC_SECTION(Dir.filename().string()) { checkCase(Dir); }
  }
}
