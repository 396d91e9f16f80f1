//===- HostileMain.cpp - The hostile-input suite --------------------------===//
//
// rampart-hostile RAMPART CASE: writes one hostile workspace into a fresh
// temporary directory, scans it with the real binary under the harness's
// time and memory bounds, and checks that the scan ended on its own with a
// diagnostic (or an unknown value) about the input, never a crash, a hang or
// unbounded memory. `rampart-hostile --list` names the cases; ctest runs each
// (tests/hostile/CMakeLists.txt). Exit 0 passes, 1 fails, saying why.
//
//===----------------------------------------------------------------------===//
#include "tests/hostile/Cases.h"
#include "tests/hostile/Harness.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

using namespace rampart::hostile;

namespace {

/// The JSON rampart printed, or null with a failure said.
nlohmann::json reportOf(const Outcome &O, Verdict &V) {
  nlohmann::json J = nlohmann::json::parse(O.Stdout, nullptr, false);
  if (J.is_discarded() || !J.is_object()) {
    V.fail("stdout is not a JSON report: " + O.Stdout.substr(0, 200));
    return nullptr;
  }
  return J;
}

/// The run ended by itself, within bounds, with a usable exit code.
void checkEnding(const Outcome &O, const Case &C, Verdict &V) {
  if (C.Signal) {
    if (O.Signal != C.Signal)
      V.fail("expected signal " + std::to_string(C.Signal) + ": " +
             describe(O));
    return;
  }
  if (O.TimedOut || O.OverMemory || O.Signal) {
    V.fail(describe(O));
    return;
  }
  if (!llvm::is_contained(C.ExitCodes, O.ExitCode))
    V.fail("unexpected exit code: " + describe(O) +
           "\nstderr: " + O.Stderr.substr(0, 2000));
}

/// Every expected diagnostic is in Diagnostics, with a position in its
/// file when Expectation::Positioned.
void checkDiagnostics(const nlohmann::json &Diagnostics,
                      const std::vector<Expectation> &Expected, Verdict &V) {
  for (const Expectation &E : Expected) {
    bool Found = false;
    for (const nlohmann::json &D : Diagnostics) {
      std::string File = D.value("file", ""), Message = D.value("message", "");
      if (!llvm::StringRef(File).endswith(E.File) ||
          !llvm::StringRef(Message).contains(E.Message))
        continue;
      int Line = D.contains("range") ? D["range"]["start"].value("line", 0) : 0;
      if (E.Positioned && Line < 1)
        continue;
      Found = true;
    }
    if (!Found)
      V.fail("no diagnostic on " + E.File + " saying '" + E.Message +
             "'; diagnostics: " + Diagnostics.dump().substr(0, 3000));
  }
}

/// The scan: bounded, ended by itself, and its report as expected.
void checkScan(const std::string &Rampart, const Case &C, const Workspace &W,
               Verdict &V) {
  std::vector<std::string> Args = {"scan", "ws",  "--format",     "json",
                                   "-v",   "-j1", "--no-progress"};
  Args.insert(Args.end(), C.Args.begin(), C.Args.end());
  Outcome O = run(Rampart, Args, W.Root, limitsFor(C), C.Prepare);
  llvm::outs() << C.Name << ": scan " << describe(O) << '\n';
  checkEnding(O, C, V);
  if (!V.passed() || C.Signal)
    return;
  nlohmann::json Report = reportOf(O, V);
  if (Report.is_null())
    return;
  checkDiagnostics(Report["diagnostics"], C.Diagnostics, V);
  if (C.Check)
    C.Check(O, Report, W, V);
}

/// The graph: bounded, and the units' diagnostics as expected.
void checkGraph(const std::string &Rampart, const Case &C, const Workspace &W,
                Verdict &V) {
  Outcome O = run(Rampart, {"graph", "ws", "-v", "-j1"}, W.Root, limitsFor(C),
                  C.Prepare);
  llvm::outs() << C.Name << ": graph " << describe(O) << '\n';
  if (O.TimedOut || O.OverMemory || O.Signal || O.ExitCode != 0)
    return V.fail("graph: " + describe(O) +
                  "\nstderr: " + O.Stderr.substr(0, 2000));
  nlohmann::json Graph = reportOf(O, V);
  if (Graph.is_null())
    return;
  nlohmann::json All = nlohmann::json::array();
  for (const nlohmann::json &U : Graph["units"])
    for (const nlohmann::json &D : U["diagnostics"])
      All.push_back(D);
  checkDiagnostics(All, C.Evaluation, V);
}

int runCase(const std::string &Rampart, const Case &C) {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("rampart-hostile", Dir)) {
    llvm::errs() << "cannot create a temporary directory\n";
    return 1;
  }
  // Open to all: the unreadable-file case scans as nobody.
  llvm::sys::fs::setPermissions(Dir, llvm::sys::fs::all_read |
                                         llvm::sys::fs::all_exe |
                                         llvm::sys::fs::owner_write);
  Workspace W{Dir.str().str()};
  Verdict V;
  if (std::string Error = C.Make(W); !Error.empty()) {
    V.fail("setting up: " + Error);
  } else {
    checkScan(Rampart, C, W, V);
    if (!C.Evaluation.empty())
      checkGraph(Rampart, C, W, V);
  }
  W.cleanUp();
  for (const std::string &F : V.Failures)
    llvm::errs() << C.Name << ": FAIL: " << F << '\n';
  return V.passed() ? 0 : 1;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc == 2 && llvm::StringRef(Argv[1]) == "--list") {
    for (const Case &C : cases())
      llvm::outs() << C.Name << '\n';
    return 0;
  }
  if (Argc != 3) {
    llvm::errs() << "usage: rampart-hostile RAMPART CASE | --list\n";
    return 2;
  }
  // The child runs in the case's directory.
  llvm::SmallString<256> Rampart(Argv[1]);
  llvm::sys::fs::make_absolute(Rampart);
  for (const Case &C : cases())
    if (C.Name == Argv[2])
      return runCase(Rampart.str().str(), C);
  llvm::errs() << "rampart-hostile: no case " << Argv[2] << '\n';
  return 2;
}
