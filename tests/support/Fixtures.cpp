//===- Fixtures.cpp - Running a check on its fixture folder ---------------===//
#include "tests/support/Fixtures.h"

#include "analyzer/Scan.h"
#include "analyzer/fix/Apply.h"
#include "analyzer/fix/Plan.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

namespace rampart::testing {

namespace fs = std::filesystem;

std::string Expected::str() const {
  std::ostringstream S;
  S << File << ':' << Line << ':' << Column;
  if (EndColumn)
    S << '-' << EndLine << ':' << EndColumn;
  S << ' ' << Id;
  return S.str();
}

namespace {

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

} // namespace

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

Outcomes runOnFixture(const check::Check &C, const fs::path &Case) {
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
    if (Res.TheOutcome == check::Outcome::Healthy)
      Out.HealthyResources.push_back(Res.Resource->Id);
    Out.Unknown += Res.TheOutcome == check::Outcome::Unknown;
  }
  // The results point into the units and the scan; they are only compared
  // by value below, so nothing outlives this function.
  return Out;
}

FixOutcome fixFixture(const check::Check &C, const fs::path &Case) {
  ScanOptions O;
  O.Paths = {Case.string()};
  ScanResult R = scanWorkspace(O);
  std::vector<model::DeploymentUnit> Units = buildUnits(R, {});
  fix::DocumentLookup Docs = fix::lookupIn({&R.Files});
  std::vector<posture::Finding> Findings;
  FixOutcome Out;
  for (check::Result &Res : check::Engine({&C}).run(Units, 1)) {
    if (Res.TheOutcome != check::Outcome::Unhealthy)
      continue;
    ++Out.Unhealthy;
    posture::Finding F;
    F.Fix = fix::planFix(Res, Docs);
    F.Result = std::move(Res);
    Out.WithFix += F.Fix.has_value();
    Findings.push_back(std::move(F));
  }
  fix::FixSelection Sel =
      fix::selectFixes(Findings, check::Applicability::Suggested);
  for (fix::FixedFile &F : Sel.Files) {
    Out.FixedFiles.push_back({F.File->path().str(), std::move(F.Text)});
    for (const posture::Finding *Fixed : F.Fixed)
      Out.FixedResources.push_back(Fixed->Result.Resource->Id);
  }
  Out.Conflicting = Sel.Conflicting.size();
  return Out;
}

fs::path fixedGoldenOf(const fs::path &Case) {
  std::string Name = Case.filename().string();
  size_t Dot = Name.find('.');
  if (Dot == std::string::npos)
    return Case.parent_path() / (Name + ".fixed");
  return Case.parent_path() /
         (Name.substr(0, Dot) + ".fixed" + Name.substr(Dot));
}

bool isFixedGolden(const fs::path &P) {
  std::string Name = P.filename().string();
  size_t Dot = Name.find('.');
  return Dot != std::string::npos &&
         llvm::StringRef(Name).substr(Dot).startswith(".fixed");
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
    if (E.path().extension() != ".expect" && !isFixedGolden(E.path()))
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
  Outcomes Got = runOnFixture(C, Case);
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

} // namespace rampart::testing
