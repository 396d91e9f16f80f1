//===- JUnitTest.cpp - JUnit XML output of a real scan --------------------===//
//
// The XML's well-formedness is also checked by xmllint in ctest
// (report.junit-well-formed); here the structure and the escaping, whose
// rules are XML 1.0's (section 2.2 Char, 2.4 character data, 3.3.3
// attribute-value normalization).
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/JUnit.h"

#include "tests/unit/analyzer/report/ScannedReport.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::testing;

namespace {

std::string junitOf(const report::Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  report::writeJUnit(R, OS);
  return OS.str();
}

size_t occurrences(llvm::StringRef Text, llvm::StringRef Needle) {
  return Text.count(Needle);
}

/// The text of the <testsuite> element named Name.
std::string suiteOf(llvm::StringRef Xml, llvm::StringRef Name) {
  size_t Start = Xml.find(("<testsuite name=\"" + Name + "\"").str());
  if (Start == llvm::StringRef::npos)
    return "";
  size_t End = Xml.find("</testsuite>", Start);
  return Xml.slice(Start, End).str();
}

} // namespace

TEST_CASE("JUnit has one suite per check and a case per finding", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::string Xml = junitOf(S->Report);
  CHECK_THAT(Xml,
             Catch::StartsWith(
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
  CHECK(occurrences(Xml, "<testsuite ") == S->Report.Checks.size());
  CHECK(occurrences(Xml, "<failure ") == S->Report.activeCount());

  std::string Https = suiteOf(Xml, "AZ-STORAGE-001");
  const posture::Finding &F = S->finding("AZ-STORAGE-001");
  CHECK_THAT(Https, Catch::Contains("tests=\"1\" failures=\"1\""));
  CHECK_THAT(Https, Catch::Contains("classname=\"" + F.Result.File +
                                    "\" name=\"AZ-STORAGE-001 " +
                                    F.Result.Resource->Id + "\""));
  // The message holds ' which attributes escape; the body names the place.
  CHECK_THAT(Https, Catch::Contains("type=\"high\""));
  CHECK_THAT(Https, Catch::Contains("storageAccounts &apos;stlogs&apos;"));
  CHECK_THAT(Https, Catch::Contains(">" + F.Result.File + ":7:44: "));
  // The secure score is in every format; here as a suite property.
  REQUIRE(S->Report.Score.Percent < 100);
  CHECK_THAT(Https,
             Catch::Contains("<property name=\"rampart.secureScore\" value=\"" +
                             report::formatPercent(S->Report.Score.Percent) +
                             "\"/>"));
}

TEST_CASE("JUnit gives a passing case to a check without failures",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::string Xml = junitOf(S->Report);
  // A Terraform-only check has no finding on a Bicep file.
  std::string Suite = suiteOf(Xml, "AWS-S3-002");
  REQUIRE(!Suite.empty());
  CHECK_THAT(Suite, Catch::Contains("tests=\"1\" failures=\"0\""));
  CHECK_THAT(
      Suite,
      Catch::Contains("<testcase classname=\"rampart\" name=\"AWS-S3-002\"/>"));
}

TEST_CASE("JUnit skips suppressed and baselined findings", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->suppress(S->finding("AZ-STORAGE-002"), posture::Suppression::Form::Comment,
              "legacy <TLS> clients");
  S->finding("AZ-STORAGE-003").Baselined = true;
  std::string Xml = junitOf(S->Report);
  std::string Tls = suiteOf(Xml, "AZ-STORAGE-002");
  CHECK_THAT(
      Tls, Catch::Contains("<skipped message=\"suppressed: legacy &lt;TLS&gt; "
                           "clients\"/>"));
  CHECK_THAT(Tls, Catch::Contains("skipped=\"1\""));
  CHECK(occurrences(Tls, "<failure") == 0);
  // Neither failing: each suite also gets its passing case.
  CHECK(occurrences(Tls, "<testcase") == 2);
  std::string Public = suiteOf(Xml, "AZ-STORAGE-003");
  CHECK_THAT(Public, Catch::Contains("<skipped message=\"baselined"));
  CHECK(occurrences(Xml, "<failure ") == S->Report.activeCount());
}

TEST_CASE("JUnit reports parse errors as errored cases", "[report]") {
  auto S = scanReport("broken.bicep", "resource st 'Microsoft.Storage/"
                                      "storageAccounts@2023-01-01' = {\n"
                                      "  name: = 'x'\n"
                                      "}\n");
  REQUIRE(S->Report.errorCount() > 0);
  std::string Xml = junitOf(S->Report);
  std::string Suite = suiteOf(Xml, "diagnostics");
  CHECK(occurrences(Suite, "<error ") == S->Report.errorCount());
  CHECK_THAT(Xml,
             Catch::Contains("errors=\"" +
                             std::to_string(S->Report.errorCount()) + "\""));
}

TEST_CASE("XML escaping covers markup, whitespace and forbidden characters",
          "[report]") {
  using report::xmlEscape;
  CHECK(xmlEscape("a<b & \"c\" 'd'>", false) == "a&lt;b &amp; \"c\" 'd'&gt;");
  CHECK(xmlEscape("a<b & \"c\" 'd'>", true) ==
        "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  // Attribute-value normalization would turn these into spaces.
  CHECK(xmlEscape("l1\nl2\tx", true) == "l1&#10;l2&#9;x");
  CHECK(xmlEscape("l1\nl2\tx", false) == "l1\nl2\tx");
  CHECK(xmlEscape("a\rb", false) == "a&#13;b");
  // Not XML 1.0 characters: NUL, ESC, U+FFFE; and bytes that are not UTF-8.
  const std::string Fffd = "\xEF\xBF\xBD";
  CHECK(xmlEscape(llvm::StringRef("a\0b", 3), false) == "a" + Fffd + "b");
  CHECK(xmlEscape("\x1B[31m", false) == Fffd + "[31m");
  CHECK(xmlEscape("\xEF\xBF\xBE", false) == Fffd);
  CHECK(xmlEscape("\xFF"
                  "ok",
                  false) == Fffd + "ok");
  // Valid non-ASCII text passes through.
  CHECK(xmlEscape("caf\xC3\xA9 \xF0\x9F\x98\x80", true) ==
        "caf\xC3\xA9 \xF0\x9F\x98\x80");
}
