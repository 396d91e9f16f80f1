//===- JUnit.cpp - `rampart scan --format junit` --------------------------===//
//
// The escaping is written here rather than taken from a library: it is a
// few lines, and no XML library is in the stack (see dependencies.md).
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/JUnit.h"

#include "analyzer/report/Findings.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/ConvertUTF.h"

#include <vector>

namespace rampart::report {

namespace {

constexpr llvm::StringLiteral Replacement = "\xEF\xBF\xBD"; // U+FFFD

/// XML 1.0's Char production, less what needs an entity.
bool allowedInXml(uint32_t C) {
  if (C < 0x20)
    return C == '\t' || C == '\n' || C == '\r';
  return C != 0xFFFE && C != 0xFFFF && !(C >= 0xD800 && C <= 0xDFFF) &&
         C <= 0x10FFFF;
}

/// Markup characters and, in attributes, the whitespace that attribute
/// value normalization would turn into spaces.
llvm::StringRef entityFor(char C, bool Attribute) {
  switch (C) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return Attribute ? "&quot;" : "";
  case '\'':
    return Attribute ? "&apos;" : "";
  case '\t':
    return Attribute ? "&#9;" : "";
  case '\n':
    return Attribute ? "&#10;" : "";
  case '\r':
    // A bare CR in character data would be read back as LF.
    return "&#13;";
  default:
    return "";
  }
}

struct Counts {
  size_t Tests = 0, Failures = 0, Skipped = 0, Errors = 0;

  Counts &operator+=(const Counts &O) {
    Tests += O.Tests;
    Failures += O.Failures;
    Skipped += O.Skipped;
    Errors += O.Errors;
    return *this;
  }
};

struct Suite {
  std::string Name;
  std::vector<const posture::Finding *> Findings;
};

/// One suite per check that ran, in the report's order; a finding of a
/// check the report does not list (none should) gets a suite of its own.
std::vector<Suite> suitesOf(const Report &R) {
  std::vector<Suite> Suites;
  llvm::DenseMap<const check::Check *, size_t> Index;
  for (const check::Check *C : R.Checks) {
    Index.try_emplace(C, Suites.size());
    Suites.push_back({C->Id, {}});
  }
  for (const posture::Finding &F : R.Findings) {
    auto [It, Inserted] = Index.try_emplace(F.Result.TheCheck, Suites.size());
    if (Inserted)
      Suites.push_back({F.Result.TheCheck->Id, {}});
    Suites[It->second].Findings.push_back(&F);
  }
  return Suites;
}

std::string locationOf(llvm::StringRef File, const SourceRange &Range) {
  std::string Out = File.str();
  if (Range.Start.Line > 0)
    Out += ":" + std::to_string(Range.Start.Line) + ":" +
           std::to_string(Range.Start.Column);
  return Out;
}

void writeCaseStart(llvm::raw_ostream &OS, llvm::StringRef ClassName,
                    llvm::StringRef Name) {
  OS << "    <testcase classname=\"" << xmlEscape(ClassName, true)
     << "\" name=\"" << xmlEscape(Name, true) << "\"";
}

void writeFinding(llvm::raw_ostream &OS, const posture::Finding &F) {
  const check::Result &Res = F.Result;
  std::string Name = Res.TheCheck->Id;
  if (Res.Resource)
    Name += " " + Res.Resource->Id;
  writeCaseStart(OS, Res.File, Name);
  OS << ">\n";
  if (F.suppressed()) {
    OS << "      <skipped message=\""
       << xmlEscape("suppressed: " + F.SuppressedBy->Reason, true) << "\"/>\n";
  } else if (F.Baselined) {
    OS << "      <skipped message=\"baselined: known before\"/>\n";
  } else {
    OS << "      <failure message=\"" << xmlEscape(Res.Message, true)
       << "\" type=\"" << check::levelName(F.Severity) << "\">"
       << xmlEscape(locationOf(Res.File, Res.Range) + ": " + Res.Message +
                        (F.Path ? "\n" + pathLines(*F.Path) : ""),
                    false)
       << "</failure>\n";
  }
  OS << "    </testcase>\n";
}

Counts countsOf(const Suite &S) {
  Counts C;
  for (const posture::Finding *F : S.Findings) {
    ++C.Tests;
    if (F->active())
      ++C.Failures;
    else
      ++C.Skipped;
  }
  if (C.Failures == 0)
    ++C.Tests; // The passing case.
  return C;
}

/// The secure score rides along as suite properties (JUnit has no other
/// place for a number), so it is in every output format.
void writeScoreProperties(llvm::raw_ostream &OS, const Report &R) {
  OS << "    <properties>\n"
     << "      <property name=\"rampart.secureScore\" value=\""
     << formatPercent(R.Score.Percent) << "\"/>\n"
     << "    </properties>\n";
}

void writeSuite(llvm::raw_ostream &OS, const Suite &S, const Counts &C,
                const Report &R) {
  OS << "  <testsuite name=\"" << xmlEscape(S.Name, true) << "\" tests=\""
     << C.Tests << "\" failures=\"" << C.Failures
     << "\" errors=\"0\" skipped=\"" << C.Skipped << "\">\n";
  writeScoreProperties(OS, R);
  for (const posture::Finding *F : S.Findings)
    writeFinding(OS, *F);
  if (C.Failures == 0) {
    writeCaseStart(OS, "rampart", S.Name);
    OS << "/>\n";
  }
  OS << "  </testsuite>\n";
}

/// Error diagnostics (parse errors, unreadable files) as errored test cases,
/// so a template the scan could not read fails the pipeline visibly.
std::vector<const ReportDiagnostic *> errorDiagnostics(const Report &R) {
  std::vector<const ReportDiagnostic *> Errors;
  for (const ReportDiagnostic &D : R.Diagnostics)
    if (D.D.Level == Severity::Error)
      Errors.push_back(&D);
  return Errors;
}

void writeDiagnosticSuite(llvm::raw_ostream &OS,
                          const std::vector<const ReportDiagnostic *> &Errors) {
  OS << "  <testsuite name=\"diagnostics\" tests=\"" << Errors.size()
     << "\" failures=\"0\" errors=\"" << Errors.size() << "\" skipped=\"0\">\n";
  for (const ReportDiagnostic *D : Errors) {
    writeCaseStart(OS, D->File, locationOf(D->File, D->D.Range));
    OS << ">\n      <error message=\"" << xmlEscape(D->D.Message, true)
       << "\" type=\"error\">"
       << xmlEscape(locationOf(D->File, D->D.Range) + ": " + D->D.Message,
                    false)
       << "</error>\n    </testcase>\n";
  }
  OS << "  </testsuite>\n";
}

} // namespace

std::string xmlEscape(llvm::StringRef Text, bool Attribute) {
  std::string Out;
  Out.reserve(Text.size());
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (P < End) {
    const llvm::UTF8 *Start = P;
    llvm::UTF32 C = 0;
    if (llvm::convertUTF8Sequence(&P, End, &C, llvm::strictConversion) !=
        llvm::conversionOK) {
      Out += Replacement; // Invalid UTF-8: one byte at a time.
      P = Start + 1;
      continue;
    }
    if (!allowedInXml(C)) {
      Out += Replacement;
      continue;
    }
    llvm::StringRef Entity =
        C < 0x80 ? entityFor(static_cast<char>(C), Attribute) : "";
    if (!Entity.empty())
      Out += Entity;
    else
      Out.append(reinterpret_cast<const char *>(Start), P - Start);
  }
  return Out;
}

void writeJUnit(const Report &R, llvm::raw_ostream &OS) {
  std::vector<Suite> Suites = suitesOf(R);
  std::vector<Counts> PerSuite;
  Counts Total;
  for (const Suite &S : Suites) {
    PerSuite.push_back(countsOf(S));
    Total += PerSuite.back();
  }
  std::vector<const ReportDiagnostic *> Errors = errorDiagnostics(R);
  Total.Tests += Errors.size();
  Total.Errors += Errors.size();

  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<testsuites name=\"rampart\" tests=\"" << Total.Tests
     << "\" failures=\"" << Total.Failures << "\" errors=\"" << Total.Errors
     << "\" skipped=\"" << Total.Skipped << "\">\n";
  for (size_t I = 0; I < Suites.size(); ++I)
    writeSuite(OS, Suites[I], PerSuite[I], R);
  if (!Errors.empty())
    writeDiagnosticSuite(OS, Errors);
  OS << "</testsuites>\n";
}

} // namespace rampart::report
