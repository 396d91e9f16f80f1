//===- EvaluateBench.cpp - Scan and unit-building time per dialect --------===//
//
// For each dialect (terraform, arm, bicep, cloudformation): scans
// <corpus>/<dialect> (discovery, reading, parsing), builds its deployment
// units and runs every built-in check on them, several times, and prints the
// best scan, build and check wall times, the ratio of the whole (what
// `rampart scan` does) to the scan alone (parse-only), the findings, the
// units, resources, edges and diagnostics, and the peak RSS. Each dialect
// runs in a child process, so its peak RSS is its own and not the maximum
// of the dialects run before it.
//
// --stress generates the synthetic project of StressProject.h (a literal
// "200 modules x 40 instances, three deep", past MaxModuleInstances, and
// two shapes within it) into a temporary directory and times it the same
// way; --stress-dir DIR writes the projects under DIR and keeps them.
//
// Usage: rampart-bench-evaluate [CORPUS_DIR] [REPETITIONS] [--dialect NAME]
//                               [--jobs N] [--top N] [--stress]
//                               [--stress-dir DIR]
//
// A lone number is REPETITIONS (`--stress 5`). --top N prints the N most
// frequent diagnostic messages of each run (5 by default for --stress).
//
// --jobs defaults to 1 so that numbers compare across machines and with
// rampart-bench-parse (single-threaded); the CLI uses every core.
//
//===----------------------------------------------------------------------===//
#include "bench/evaluate/StressProject.h"

#include "analyzer/Scan.h"
#include "analyzer/check/Engine.h"
#include "analyzer/eval/terraform/TerraformEvaluator.h"
#include "checks/Registry.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>

using namespace rampart;

namespace {

struct Options {
  std::string Corpus = RAMPART_CORPUS_DIR;
  int Repetitions = 3;
  std::optional<Dialect> OnlyDialect;
  unsigned Jobs = 1;
  bool Stress = false;
  /// How many of the most frequent diagnostic messages to print per run.
  std::optional<unsigned> Top;
  std::string StressDir; ///< Empty: a temporary directory, removed after.
};

std::optional<Dialect> dialectNamed(llvm::StringRef Name) {
  for (Dialect D : {Dialect::Terraform, Dialect::Arm, Dialect::Bicep,
                    Dialect::CloudFormation})
    if (dialectName(D) == Name)
      return D;
  return std::nullopt;
}

bool isCount(llvm::StringRef S) {
  return !S.empty() &&
         llvm::all_of(S, [](char C) { return C >= '0' && C <= '9'; });
}

/// Options, or nullopt after printing why the command line is wrong.
std::optional<Options> parseOptions(int Argc, char **Argv) {
  Options O;
  int Positional = 0;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    bool HasValue = I + 1 < Argc;
    if (A == "--dialect" && HasValue) {
      O.OnlyDialect = dialectNamed(Argv[++I]);
      if (!O.OnlyDialect) {
        llvm::errs() << "no evaluator for dialect '" << Argv[I]
                     << "' (terraform, arm, bicep, cloudformation)\n";
        return std::nullopt;
      }
    } else if (A == "--jobs" && HasValue) {
      O.Jobs = std::max(1, std::atoi(Argv[++I]));
    } else if (A == "--top" && HasValue) {
      O.Top = std::max(0, std::atoi(Argv[++I]));
    } else if (A == "--stress") {
      O.Stress = true;
    } else if (A == "--stress-dir" && HasValue) {
      O.Stress = true;
      O.StressDir = Argv[++I];
    } else if (isCount(A) && Positional < 2) {
      // A lone number is the repetitions (so `--stress 5` works too).
      O.Repetitions = std::max(1, std::atoi(Argv[I]));
      Positional = 2;
    } else if (!A.startswith("--") && Positional == 0) {
      O.Corpus = A.str();
      Positional = 1;
    } else {
      llvm::errs() << "usage: rampart-bench-evaluate [CORPUS_DIR] "
                      "[REPETITIONS] [--dialect NAME] [--jobs N] [--top N] "
                      "[--stress] [--stress-dir DIR]\n";
      return std::nullopt;
    }
  }
  return O;
}

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

double peakRssMB() {
  rusage Usage{};
  getrusage(RUSAGE_SELF, &Usage);
  return Usage.ru_maxrss / 1024.0;
}

/// One scan and build of a directory; counts are of the last run.
struct Run {
  double ScanSeconds = 1e30, BuildSeconds = 1e30, CheckSeconds = 1e30;
  size_t Files = 0, Units = 0, Resources = 0, Edges = 0, Diagnostics = 0,
         Findings = 0;
  /// Diagnostic messages and how often each occurred.
  llvm::StringMap<size_t> Messages;
  llvm::StringMap<size_t> ResourcesByType;
};

void count(const std::vector<model::DeploymentUnit> &Units, Run &R) {
  R.Units = Units.size();
  R.Resources = R.Edges = R.Diagnostics = 0;
  R.Messages.clear();
  R.ResourcesByType.clear();
  for (const model::DeploymentUnit &U : Units) {
    R.Resources += U.Graph.resources().size();
    R.Edges += U.Graph.edges().size();
    R.Diagnostics += U.Diagnostics.size();
    for (const model::FileDiagnostic &D : U.Diagnostics)
      ++R.Messages[D.D.Message];
    for (const model::Resource &X : U.Graph.resources())
      ++R.ResourcesByType[X.Type];
  }
}

/// Scans Dir and builds its units Repetitions times; keeps the best times.
Run scanAndBuild(const std::string &Dir, const Options &O) {
  Run R;
  for (int I = 0; I < O.Repetitions; ++I) {
    ScanOptions Scan;
    Scan.Paths = {Dir};
    Scan.Jobs = O.Jobs;
    auto Start = std::chrono::steady_clock::now();
    ScanResult Scanned = scanWorkspace(Scan);
    R.ScanSeconds = std::min(R.ScanSeconds, secondsSince(Start));
    UnitOptions Build;
    Build.Jobs = O.Jobs;
    Start = std::chrono::steady_clock::now();
    std::vector<model::DeploymentUnit> Units = buildUnits(Scanned, Build);
    R.BuildSeconds = std::min(R.BuildSeconds, secondsSince(Start));
    Start = std::chrono::steady_clock::now();
    std::vector<check::Result> Results =
        check::Engine(checks::builtinChecks()).run(Units, O.Jobs);
    R.CheckSeconds = std::min(R.CheckSeconds, secondsSince(Start));
    R.Findings = llvm::count_if(Results, [](const check::Result &X) {
      return X.TheOutcome == check::Outcome::Unhealthy;
    });
    R.Files = Scanned.Files.size();
    count(Units, R);
  }
  return R;
}

/// Runs Body in a child process (its peak RSS is then its own); false when
/// the child failed or crashed.
bool inChildProcess(const std::function<void()> &Body) {
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t Pid = fork();
  if (Pid < 0) {
    Body(); // no isolation, but still a measurement
    return true;
  }
  if (Pid == 0) {
    Body();
    llvm::outs().flush();
    llvm::errs().flush();
    _exit(0);
  }
  int Status = 0;
  if (waitpid(Pid, &Status, 0) != Pid || !WIFEXITED(Status) ||
      WEXITSTATUS(Status) != 0) {
    llvm::errs() << "the measurement crashed or failed (status " << Status
                 << ")\n";
    return false;
  }
  return true;
}

void printRunHeader() {
  llvm::outs() << "name                files  units  resources     edges  "
                  "diags    scan s   build s   check s  all/scan  findings  "
                  "peak RSS MB\n";
}

void printRun(llvm::StringRef Name, const Run &R) {
  llvm::outs() << llvm::format(
      "%-18s %6zu %6zu %10zu %9zu %6zu %9.3f %9.3f %9.3f %9.2f %9zu "
      "%12.1f\n",
      Name.str().c_str(), R.Files, R.Units, R.Resources, R.Edges, R.Diagnostics,
      R.ScanSeconds, R.BuildSeconds, R.CheckSeconds,
      (R.ScanSeconds + R.BuildSeconds + R.CheckSeconds) / R.ScanSeconds,
      R.Findings, peakRssMB());
}

/// The Top most frequent diagnostic messages, most frequent first.
void printTopMessages(const Run &R, unsigned Top) {
  std::vector<std::pair<size_t, std::string>> Counted;
  for (const auto &M : R.Messages)
    Counted.emplace_back(M.getValue(), M.getKey().str());
  llvm::sort(Counted, [](const auto &A, const auto &B) { return A > B; });
  for (size_t I = 0; I < Counted.size() && I < Top; ++I)
    llvm::outs() << llvm::format("  %6zu x ", Counted[I].first)
                 << Counted[I].second << "\n";
}

bool benchCorpus(const Options &O) {
  if (!llvm::sys::fs::is_directory(O.Corpus)) {
    llvm::errs() << "corpus not found at " << O.Corpus << "\n";
    return false;
  }
  llvm::outs() << "corpus " << O.Corpus << ", best of " << O.Repetitions
               << ", jobs " << O.Jobs << "\n";
  printRunHeader();
  bool Ok = true;
  for (Dialect D : {Dialect::Terraform, Dialect::Arm, Dialect::Bicep,
                    Dialect::CloudFormation}) {
    if (O.OnlyDialect && *O.OnlyDialect != D)
      continue;
    std::string Dir = O.Corpus + "/" + dialectName(D).str();
    if (!llvm::sys::fs::is_directory(Dir))
      continue;
    Ok &= inChildProcess([&] {
      Run R = scanAndBuild(Dir, O);
      printRun(dialectName(D), R);
      printTopMessages(R, O.Top.value_or(0));
    });
  }
  return Ok;
}

//===- Stress -------------------------------------------------------------===//

bool writeProject(const std::string &Dir, const bench::StressShape &S) {
  for (const bench::StressFile &F : bench::stressProject(S)) {
    std::string Full = Dir + "/" + F.Path;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Full));
    std::error_code EC;
    llvm::raw_fd_ostream OS(Full, EC);
    if (EC) {
      llvm::errs() << "cannot write " << Full << ": " << EC.message() << "\n";
      return false;
    }
    OS << F.Text;
  }
  return true;
}

size_t typeCount(const Run &R, llvm::StringRef Type) {
  auto It = R.ResourcesByType.find(Type);
  return It == R.ResourcesByType.end() ? 0 : It->second;
}

/// What the stress run evaluated, against what the shape asks for: one log
/// group per level1 instance, one topic per level2, one bucket per level3.
void printStressDetails(const bench::StressShape &S, const Run &R,
                        unsigned Top) {
  size_t Modules = typeCount(R, "aws_cloudwatch_log_group") +
                   typeCount(R, "aws_sns_topic") +
                   typeCount(R, "aws_s3_bucket");
  llvm::outs() << llvm::format(
      "  module instances: %zu evaluated of %u asked (limit %u); resources: "
      "%zu of %u\n",
      Modules, bench::stressModuleInstances(S),
      eval::terraform::MaxModuleInstances, R.Resources,
      bench::stressResourceInstances(S));
  printTopMessages(R, Top);
}

struct StressCase {
  const char *Name;
  bench::StressShape Shape;
};

bool benchStress(const Options &O) {
  std::string Base = O.StressDir;
  if (Base.empty()) {
    llvm::SmallString<128> P;
    if (llvm::sys::fs::createUniqueDirectory("rampart-stress", P)) {
      llvm::errs() << "cannot create a temporary directory\n";
      return false;
    }
    Base = P.str().str();
  }
  llvm::outs() << "stress projects in " << Base << ", best of " << O.Repetitions
               << ", jobs " << O.Jobs << "\n";
  printRunHeader();
  const StressCase Cases[] = {
      {"in-limits-40x40", bench::inLimitsStressShape()},
      {"wide-200x8", bench::wideStressShape()},
      {"literal-200x40", bench::literalStressShape()},
  };
  bool Ok = true;
  for (const StressCase &C : Cases) {
    std::string Dir = Base + "/" + C.Name;
    if (!writeProject(Dir, C.Shape))
      return false;
    Ok &= inChildProcess([&] {
      Run R = scanAndBuild(Dir, O);
      printRun(C.Name, R);
      printStressDetails(C.Shape, R, O.Top.value_or(5));
    });
  }
  if (O.StressDir.empty())
    llvm::sys::fs::remove_directories(Base);
  return Ok;
}

} // namespace

int main(int Argc, char **Argv) {
  std::optional<Options> O = parseOptions(Argc, Argv);
  if (!O)
    return 2;
  bool Ok = O->Stress ? benchStress(*O) : benchCorpus(*O);
  return Ok ? 0 : 1;
}
