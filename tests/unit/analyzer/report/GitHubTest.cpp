//===- GitHubTest.cpp - GitHub Actions workflow commands ------------------===//
//
// The command syntax and escaping are the Actions toolkit's (command.ts:
// escapeData for the message, escapeProperty for property values).
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/GitHub.h"

#include "tests/unit/analyzer/report/ScannedReport.h"

#include "llvm/ADT/SmallVector.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::testing;

namespace {

std::vector<std::string> linesOf(const report::Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  report::writeGitHub(R, OS);
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(OS.str()).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  return {Lines.begin(), Lines.end()};
}

} // namespace

TEST_CASE("GitHub escaping follows the Actions toolkit", "[report]") {
  CHECK(report::escapeGitHubData("100% done\r\nnext: a, b") ==
        "100%25 done%0D%0Anext: a, b");
  CHECK(report::escapeGitHubProperty("100% done\r\nnext: a, b") ==
        "100%25 done%0D%0Anext%3A a%2C b");
}

TEST_CASE("GitHub annotates each active finding on its range", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::vector<std::string> Lines = linesOf(S->Report);
  REQUIRE(Lines.size() == S->Report.activeCount() + 1);

  const posture::Finding &F = S->finding("AZ-STORAGE-001");
  // Byte columns, as the text output: `false` is bytes 44 to 48.
  std::string Expected =
      "::error file=" + report::escapeGitHubProperty(F.Result.File) +
      ",line=7,col=44,endLine=7,endColumn=49,title=AZ-STORAGE-001 Storage "
      "accounts should require secure transfer (HTTPS only)::" +
      F.Result.Message;
  CHECK(Lines[0] == Expected);
  bool LowIsNotice = false;
  for (const std::string &L : Lines)
    LowIsNotice |= llvm::StringRef(L).startswith("::notice ") &&
                   llvm::StringRef(L).contains("title=AZ-STORAGE-002 ");
  CHECK(LowIsNotice);
  CHECK_THAT(Lines.back(), Catch::StartsWith("::notice::Secure score "));
}

TEST_CASE("GitHub leaves out suppressed and baselined findings", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  size_t Before = linesOf(S->Report).size();
  S->suppress(S->finding("AZ-STORAGE-001"), posture::Suppression::Form::Config,
              "x");
  S->finding("AZ-STORAGE-003").Baselined = true;
  std::vector<std::string> Lines = linesOf(S->Report);
  CHECK(Lines.size() == Before - 2);
  for (const std::string &L : Lines) {
    CHECK_THAT(L, !Catch::Contains("AZ-STORAGE-001"));
    CHECK_THAT(L, !Catch::Contains("AZ-STORAGE-003"));
  }
  CHECK_THAT(Lines.back(), Catch::Contains("1 suppressed, 1 baselined"));
}

TEST_CASE("GitHub reports error diagnostics as errors", "[report]") {
  auto S = scanReport("broken.bicep", "resource st 'Microsoft.Storage/"
                                      "storageAccounts@2023-01-01' = {\n"
                                      "  name: = 'x'\n"
                                      "}\n");
  const report::ReportDiagnostic *Error = nullptr;
  for (const report::ReportDiagnostic &D : S->Report.Diagnostics)
    if (D.D.Level == Severity::Error && !Error)
      Error = &D;
  REQUIRE(Error);
  std::string Expected =
      "::error file=" + report::escapeGitHubProperty(Error->File) +
      ",line=2,col=" + std::to_string(Error->D.Range.Start.Column) + ",";
  bool Found = false;
  for (const std::string &L : linesOf(S->Report))
    Found |= llvm::StringRef(L).startswith(Expected) &&
             llvm::StringRef(L).endswith(
                 "::" + report::escapeGitHubData(Error->D.Message));
  CHECK(Found);
}
