//===- FixtureTest.cpp - Every built-in check against its fixtures --------===//
//
// Each check's fixtures live in the folder beside its source file
// (checks/azure/storage/SecureTransferRequired/). Every file or folder there
// is scanned on its own, the check runs on the units, and the outcomes must
// match the fixture's role, by name:
//
//   bad*      findings, each matched by an annotation, every annotation
//             matched by a finding;
//   good*     no finding, at least one healthy outcome (so the binding
//             applied);
//   unknown*  no finding, at least one unknown outcome;
//   default*  like bad* when annotated, like good* otherwise.
//
// Annotations: a comment line whose text starts with carets, `^^^^ ID`,
// marks exactly those columns of the line above it (the previous line that
// is not an annotation); a trailing `expect: ID` marks a finding starting on
// its line. Strict JSON has a sidecar `<file>.expect`, one `ID L:C-L:C`
// per line, columns 1-based and the end just past the range.
//
//===----------------------------------------------------------------------===//
#include "analyzer/Scan.h"
#include "analyzer/check/Engine.h"
#include "checks/Registry.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

using namespace rampart;
namespace fs = std::filesystem;

namespace {

struct Expected {
  std::string File;                                          ///< absolute
  unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0; ///< 0: any end
  std::string Id;

  std::string str() const {
    std::ostringstream S;
    S << File << ':' << Line << ':' << Column;
    if (EndColumn)
      S << '-' << EndLine << ':' << EndColumn;
    S << ' ' << Id;
    return S.str();
  }
};

std::string readText(const fs::path &P) {
  auto B = llvm::MemoryBuffer::getFile(P.string());
  return B ? (*B)->getBuffer().str() : std::string();
}

/// `^^^ ID` after a comment marker: the caret columns and the id.
bool caretAnnotation(llvm::StringRef Line, unsigned &First, unsigned &Last,
                     std::string &Id) {
  llvm::StringRef T = Line.ltrim();
  if (!T.consume_front("//") && !T.consume_front("#"))
    return false;
  T = T.ltrim();
  if (!T.startswith("^"))
    return false;
  size_t Start = Line.find('^');
  size_t End = Line.find_first_not_of('^', Start);
  First = Start + 1;
  Last = End == llvm::StringRef::npos ? Line.size() : End;
  Id = Line.substr(End).trim().split(' ').first.str();
  return true;
}

void annotationsOf(const fs::path &P, std::vector<Expected> &Out) {
  std::string Abs = fs::absolute(P).lexically_normal().string();
  std::string Text = readText(P);
  if (fs::exists(P.string() + ".expect")) {
    std::string Sidecar = readText(P.string() + ".expect");
    llvm::SmallVector<llvm::StringRef, 8> Lines;
    llvm::StringRef(Sidecar).split(Lines, '\n');
    for (llvm::StringRef L : Lines) {
      if (L.trim().empty())
        continue;
      auto [Id, Where] = L.trim().split(' ');
      Expected E{Abs, 0, 0, 0, 0, Id.str()};
      REQUIRE(sscanf(Where.str().c_str(), "%u:%u-%u:%u", &E.Line, &E.Column,
                     &E.EndLine, &E.EndColumn) == 4);
      Out.push_back(E);
    }
    return;
  }
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(Text).split(Lines, '\n');
  unsigned Target = 0; // the last line that is not an annotation
  for (unsigned I = 0; I < Lines.size(); ++I) {
    unsigned First, Last;
    std::string Id;
    if (caretAnnotation(Lines[I], First, Last, Id)) {
      Out.push_back({Abs, Target, First, Target, Last + 1, Id});
      continue;
    }
    Target = I + 1;
    size_t At = Lines[I].find("expect: ");
    if (At != llvm::StringRef::npos)
      Out.push_back({Abs, Target, 0, 0, 0,
                     Lines[I].substr(At + 8).trim().split(' ').first.str()});
  }
}

struct Outcomes {
  std::vector<check::Result> Findings;
  size_t Healthy = 0, Unknown = 0, Errors = 0;
  std::vector<std::string> ErrorMessages;
};

Outcomes run(const check::Check &C, const fs::path &Case) {
  ScanOptions O;
  O.Paths = {Case.string()};
  ScanResult R = scanWorkspace(O);
  Outcomes Out;
  for (const workspace::LoadedFile &F : R.Files)
    if (F.Doc)
      for (const Diagnostic &D : F.Doc->diagnostics())
        if (D.Level == Severity::Error)
          Out.ErrorMessages.push_back(F.Path + ": " + D.Message);
  auto Units =
      std::make_shared<std::vector<model::DeploymentUnit>>(buildUnits(R, {}));
  for (const model::DeploymentUnit &U : *Units)
    for (const model::FileDiagnostic &D : U.Diagnostics)
      if (D.D.Level == Severity::Error)
        Out.ErrorMessages.push_back(D.File + ": " + D.D.Message);
  for (check::Result &Res : check::Engine({&C}).run(*Units, 1)) {
    if (Res.TheOutcome == check::Outcome::Unhealthy)
      Out.Findings.push_back(Res);
    Out.Healthy += Res.TheOutcome == check::Outcome::Healthy;
    Out.Unknown += Res.TheOutcome == check::Outcome::Unknown;
  }
  // The results point into the units and the scan; they are only compared
  // by value below, so nothing outlives this function.
  return Out;
}

bool matches(const Expected &E, const check::Result &F) {
  if (E.Id != F.TheCheck->Id ||
      fs::absolute(F.File).lexically_normal().string() != E.File ||
      E.Line != F.Range.Start.Line)
    return false;
  if (!E.Column)
    return true; // `expect:` form: the line is enough
  return E.Column == F.Range.Start.Column && E.EndLine == F.Range.End.Line &&
         E.EndColumn == F.Range.End.Column;
}

std::string describe(const check::Result &F) {
  std::ostringstream S;
  S << F.File << ':' << F.Range.Start.Line << ':' << F.Range.Start.Column << '-'
    << F.Range.End.Line << ':' << F.Range.End.Column << ' ' << F.TheCheck->Id
    << " \"" << F.Message << '"';
  return S.str();
}

std::vector<fs::path> casesOf(const fs::path &Dir) {
  std::vector<fs::path> Out;
  if (!fs::is_directory(Dir))
    return Out;
  for (const fs::directory_entry &E : fs::directory_iterator(Dir))
    if (E.path().extension() != ".expect")
      Out.push_back(E.path());
  std::sort(Out.begin(), Out.end());
  return Out;
}

fs::path fixtureDir(const check::Check &C) {
  fs::path Source(C.Source);
  return Source.parent_path() / Source.stem();
}

void checkCase(const check::Check &C, const fs::path &Case) {
  std::string Name = Case.filename().string();
  std::vector<Expected> Want;
  if (fs::is_directory(Case)) {
    for (const fs::directory_entry &E : fs::recursive_directory_iterator(Case))
      if (E.is_regular_file() && E.path().extension() != ".expect")
        annotationsOf(E.path(), Want);
  } else {
    annotationsOf(Case, Want);
  }
  Outcomes Got = run(C, Case);
  INFO("fixture " << Case.string());
  for (const std::string &M : Got.ErrorMessages)
    UNSCOPED_INFO("error: " << M);
  CHECK(Got.ErrorMessages.empty());
  bool Bad = llvm::StringRef(Name).startswith("bad") ||
             (llvm::StringRef(Name).startswith("default") && !Want.empty());
  if (Bad) {
    CHECK_FALSE(Want.empty());
    for (const Expected &E : Want) {
      bool Found = llvm::any_of(
          Got.Findings, [&](const check::Result &F) { return matches(E, F); });
      for (const check::Result &F : Got.Findings)
        UNSCOPED_INFO("found " << describe(F));
      INFO("expected " << E.str());
      CHECK(Found);
    }
    for (const check::Result &F : Got.Findings) {
      INFO("unexpected finding " << describe(F));
      CHECK(
          llvm::any_of(Want, [&](const Expected &E) { return matches(E, F); }));
    }
    return;
  }
  for (const check::Result &F : Got.Findings)
    UNSCOPED_INFO("unexpected finding " << describe(F));
  CHECK(Got.Findings.empty());
  CHECK(Want.empty());
  if (llvm::StringRef(Name).startswith("unknown"))
    CHECK(Got.Unknown > 0);
  else
    CHECK(Got.Healthy > 0);
}

} // namespace

TEST_CASE("check fixtures", "[checks]") {
  for (const check::Check *C : checks::builtinChecks()) {
    fs::path Dir = fixtureDir(*C);
    INFO("check " << C->Id << " fixtures in " << Dir.string());
    std::vector<fs::path> Cases = casesOf(Dir);
    REQUIRE_FALSE(Cases.empty());
    for (const fs::path &Case : Cases) {
      DYNAMIC_SECTION(C->Id << " " << Case.filename().string()) {
        checkCase(*C, Case);
      }
    }
  }
}

TEST_CASE("every binding has fixtures in every dialect it covers", "[checks]") {
  for (const check::Check *C : checks::builtinChecks()) {
    std::set<std::string> Roles; // "<role>:<dialect>"
    for (const fs::path &Case : casesOf(fixtureDir(*C))) {
      std::string Name = Case.filename().string();
      std::string Role = Name.substr(0, Name.find_first_of("-."));
      auto Add = [&](llvm::StringRef File) {
        if (File.endswith(".bicep"))
          Roles.insert(Role + ":bicep");
        else if (File.endswith(".arm.json"))
          Roles.insert(Role + ":arm");
        else if (File.endswith(".tf"))
          Roles.insert(Role + ":terraform");
        else if (File.endswith(".yaml") || File.endswith(".yml"))
          Roles.insert(Role + ":cfn-yaml");
        else if (File.endswith(".json"))
          Roles.insert(Role + ":cfn-json");
      };
      if (fs::is_directory(Case)) {
        for (const fs::directory_entry &E :
             fs::recursive_directory_iterator(Case))
          Add(E.path().string());
      } else {
        Add(Name);
      }
    }
    INFO("check " << C->Id);
    for (const check::Binding &B : C->Bindings) {
      std::vector<std::string> Dialects;
      if (B.TheFamily == check::Family::Arm)
        Dialects = {"bicep", "arm"};
      else if (B.TheFamily == check::Family::Terraform)
        Dialects = {"terraform"};
      else
        Dialects = {"cfn-yaml", "cfn-json"};
      for (const std::string &D : Dialects)
        for (const char *Role : {"bad", "good"}) {
          INFO("needs a " << Role << " fixture for " << D);
          CHECK(Roles.count(std::string(Role) + ":" + D));
        }
      // Unknown fixtures: a parameter or variable without a value.
      INFO("needs an unknown fixture for " << Dialects[0]);
      CHECK(Roles.count("unknown:" + Dialects[0]));
    }
  }
}

TEST_CASE("the catalog's ids and texts are well formed", "[checks]") {
  std::set<std::string> Ids;
  for (const check::Check *C : checks::builtinChecks()) {
    INFO("check " << C->Id);
    CHECK(Ids.insert(C->Id).second);
    llvm::StringRef Id = C->Id;
    CHECK((Id.startswith("AZ-") || Id.startswith("AWS-") ||
           Id.startswith("GCP-")));
    CHECK(Id.size() > 4);
    CHECK(llvm::isDigit(Id.back()));
    // Titles are "should" sentences, capitalized, without a final period.
    CHECK(llvm::StringRef(C->Title).contains(" should "));
    CHECK(std::isupper(static_cast<unsigned char>(C->Title.front())));
    CHECK(C->Title.back() != '.');
    CHECK_FALSE(C->Control.empty());
    CHECK_FALSE(C->Remediation.empty());
    CHECK(C->Remediation.back() != '.');
    CHECK_FALSE(C->Bindings.empty());
  }
  // The registry is sorted by id.
  const auto &All = checks::builtinChecks();
  CHECK(std::is_sorted(All.begin(), All.end(),
                       [](auto *A, auto *B) { return A->Id < B->Id; }));
}
