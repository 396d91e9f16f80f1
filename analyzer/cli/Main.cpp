//===- Main.cpp - The rampart command line --------------------------------===//
//
// Argument parsing (CLI11) and output only; analysis lives behind Scan.h.
//
// Exit codes, a contract for pipelines: 0 no finding at or above the fail
// threshold, 1 findings at or above it (a template that does not parse counts,
// since nothing in it could be checked), 2 a usage error or no input could be
// read.
//
//===----------------------------------------------------------------------===//
#include "analyzer/Analyze.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Policy.h"
#include "analyzer/eval/arm/TemplateEvaluator.h"
#include "analyzer/exposure/AttackPaths.h"
#include "analyzer/fix/Apply.h"
#include "analyzer/posture/Compliance.h"
#include "analyzer/report/CheckDocs.h"
#include "analyzer/report/Console.h"
#include "analyzer/report/GitHub.h"
#include "analyzer/report/Graph.h"
#include "analyzer/report/Html.h"
#include "analyzer/report/JUnit.h"
#include "analyzer/report/Json.h"
#include "analyzer/report/MapDot.h"
#include "analyzer/report/MapJson.h"
#include "analyzer/report/MapMermaid.h"
#include "analyzer/report/MapSvg.h"
#include "analyzer/report/Markdown.h"
#include "analyzer/report/Sarif.h"
#include "analyzer/report/Text.h"
#include "analyzer/workspace/Loader.h"
#include "checks/Registry.h"
#include "lsp/Server.h"
#include "parsers/common/DocumentJson.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

namespace {

using namespace rampart;

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

struct ParseArgs {
  std::string File;
  std::string Format = "json";
  std::string Dialect;
  double MaxFileMegabytes = 16;
};

workspace::LoadOptions loadOptions(double MaxFileMegabytes) {
  workspace::LoadOptions O;
  O.MaxFileBytes = static_cast<uint64_t>(MaxFileMegabytes * (1 << 20));
  return O;
}

void printSkipped(const ScanResult &R) {
  for (const workspace::SkippedPath &S : R.SkippedPaths)
    llvm::errs() << "skipped " << S.Path << ": " << S.Reason << '\n';
  for (const workspace::LoadedFile &F : R.Files)
    if (!F.SkipReason.empty())
      llvm::errs() << "skipped " << F.Path << ": " << F.SkipReason << '\n';
}

/// Loads the user checks of every --policy-dir. False when a directory
/// cannot be read (a usage error); malformed files are only diagnostics.
bool loadPolicies(const std::vector<std::string> &Dirs, check::PolicySet &Out) {
  bool Ok = true;
  for (const std::string &Dir : Dirs)
    if (!Out.loadDirectory(Dir, checks::builtinChecks())) {
      llvm::errs() << "rampart: error: --policy-dir " << Dir << ": "
                   << Out.diagnostics().back().D.Message << '\n';
      Ok = false;
    }
  return Ok;
}

void printPolicyDiagnostic(llvm::raw_ostream &OS,
                           const check::PolicyDiagnostic &D) {
  if (D.Source)
    report::printDiagnostic(OS, *D.Source, D.D);
  else
    OS << D.File << ": " << severityName(D.D.Level) << ": " << D.D.Message
       << '\n';
}

/// The built-in checks and the loaded user checks, by id.
std::vector<const check::Check *> allChecks(const check::PolicySet &P) {
  std::vector<const check::Check *> All = checks::builtinChecks();
  llvm::append_range(All, P.checks());
  llvm::stable_sort(All, [](const check::Check *A, const check::Check *B) {
    return A->Id < B->Id;
  });
  return All;
}

/// The flags every analysing command shares (scan, score, compliance,
/// baseline create): inputs, check selection, config and diff-awareness.
struct AnalysisArgs {
  std::vector<std::string> Paths;
  std::vector<std::string> Excludes;
  std::vector<std::string> Checks, SkipChecks;
  std::vector<std::string> PolicyDirs;
  std::string MinSeverity, FailOn;
  std::string ConfigFile;
  std::vector<std::string> Params, Context, Vars, VarFiles;
  std::string ParameterFile;
  bool UseEnv = false;
  bool AllowOutsideRoot = false;
  bool Strict = false;
  bool Verbose = false;
  unsigned Jobs = 0;
  double MaxFileMegabytes = 16;
  std::string Baseline;
  std::string ChangedSince;
  std::vector<std::string> Files;
  bool NoProgress = false;
  bool FixParams = false;
};

/// What to read and how to evaluate it: every command that evaluates
/// templates (graph, and the analysing ones) takes these.
void addInputOptions(CLI::App *Cmd, AnalysisArgs &A) {
  Cmd->add_option("paths", A.Paths,
                  "Files and directories to read (default: .)");
  Cmd->add_option("--exclude", A.Excludes,
                  "Skip paths matching this glob (repeatable)")
      ->allow_extra_args(false);
  Cmd->add_option("--config", A.ConfigFile,
                  "Use this config file for every path instead of the "
                  "closest .rampart.yaml (docs/config.md)");
  Cmd->add_option("--param", A.Params,
                  "Set a parameter: name=value, value as JSON or text "
                  "(repeatable)")
      ->allow_extra_args(false);
  Cmd->add_option("--context", A.Context,
                  "Set deployment context: key=value, e.g. "
                  "resourceGroup().location=westeurope or "
                  "AWS::Region=eu-west-1 (repeatable)")
      ->allow_extra_args(false);
  Cmd->add_option("--parameters", A.ParameterFile,
                  "A parameter file for every template: ARM JSON, "
                  ".bicepparam, or CloudFormation's [{ParameterKey, "
                  "ParameterValue}] or {\"Parameters\": {..}} JSON");
  Cmd->add_option("--var", A.Vars,
                  "Terraform: set a root variable (NAME=VALUE, repeatable; "
                  "last wins)")
      ->allow_extra_args(false);
  Cmd->add_option("--var-file", A.VarFiles,
                  "Terraform: a .tfvars file, after the automatic ones "
                  "(repeatable)")
      ->allow_extra_args(false);
  Cmd->add_flag("--use-env", A.UseEnv,
                "Terraform: read TF_VAR_name environment variables");
  Cmd->add_flag("--allow-outside-root", A.AllowOutsideRoot,
                "Follow module sources, file reads and symbolic links "
                "outside the scanned path");
  Cmd->add_flag("-v,--verbose", A.Verbose,
                "Say which files were skipped or not evaluated, and why, "
                "and each phase with its start time");
  Cmd->add_option("-j,--jobs", A.Jobs, "Parallel jobs (default: one per core)");
  Cmd->add_option("--max-file-size", A.MaxFileMegabytes,
                  "Report larger files instead of parsing them (MB)")
      ->check(CLI::PositiveNumber);
}

/// The inputs, and which checks run, what is reported and what fails.
void addAnalysisOptions(CLI::App *Cmd, AnalysisArgs &A) {
  addInputOptions(Cmd, A);
  Cmd->add_option("--checks", A.Checks,
                  "Run only these checks (ids or globs, comma-separated: "
                  "AZ-STORAGE-*); replaces the config's checks lists")
      ->delimiter(',')
      ->allow_extra_args(false);
  Cmd->add_option("--skip-checks", A.SkipChecks,
                  "Do not run these checks (ids or globs, comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  Cmd->add_option("--severity", A.MinSeverity,
                  "Report findings of this severity and above (default: low)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  Cmd->add_option("--fail-on", A.FailOn,
                  "Exit 1 on a new finding of this severity or above "
                  "(default: low)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  Cmd->add_option("--policy-dir", A.PolicyDirs,
                  "Also run the YAML checks under this directory "
                  "(repeatable; checks/policy-format.md)")
      ->allow_extra_args(false);
  Cmd->add_flag("--strict", A.Strict,
                "Report results that depend on unknown values, and score "
                "them unhealthy");
  Cmd->add_option("--baseline", A.Baseline,
                  "Report only findings not in this baseline file "
                  "(`rampart baseline create`)");
  Cmd->add_option("--changed-since", A.ChangedSince,
                  "Only findings in files changed since this git ref, or "
                  "in resources those files affect");
  Cmd->add_option("--files", A.Files,
                  "Only findings in these files or in resources they "
                  "affect; their whole units are evaluated (pre-commit)")
      ->allow_extra_args(true);
  Cmd->add_flag("--no-progress", A.NoProgress,
                "No progress line, even on a terminal");
}

bool readAssignments(const std::vector<std::string> &In, const char *Flag,
                     std::vector<std::pair<std::string, std::string>> &Out) {
  for (const std::string &A : In) {
    std::pair<std::string, std::string> P;
    if (!eval::arm::splitAssignment(A, P)) {
      llvm::errs() << "rampart: error: " << Flag << " expects name=value, got '"
                   << A << "'\n";
      return false;
    }
    Out.push_back(std::move(P));
  }
  return true;
}

/// The command line's part of the config: each flag given overrides.
std::optional<posture::ConfigOverrides> overridesOf(const AnalysisArgs &A) {
  posture::ConfigOverrides O;
  // `--checks X` means exactly X, whatever the files enable or disable;
  // with --skip-checks it is X minus those.
  if (!A.Checks.empty())
    O.EnabledChecks = A.Checks;
  if (!A.SkipChecks.empty() || !A.Checks.empty())
    O.DisabledChecks = A.SkipChecks;
  if (!A.MinSeverity.empty())
    O.SeverityThreshold = check::levelNamed(A.MinSeverity);
  if (!A.FailOn.empty())
    O.FailOn = check::levelNamed(A.FailOn);
  if (!A.PolicyDirs.empty())
    O.PolicyDirs = A.PolicyDirs;
  if (!A.ParameterFile.empty())
    O.ParameterFile = A.ParameterFile;
  if (!A.VarFiles.empty())
    O.VarFiles = A.VarFiles;
  if (!readAssignments(A.Params, "--param", O.Params) ||
      !readAssignments(A.Context, "--context", O.Context) ||
      !readAssignments(A.Vars, "--var", O.Vars))
    return std::nullopt;
  return O;
}

void printConfigDiagnostics(const posture::ConfigResolver &R) {
  for (const posture::ConfigDiagnostic &D : R.diagnostics()) {
    if (D.Source)
      report::printDiagnostic(llvm::errs(), *D.Source, D.D);
    else
      llvm::errs() << D.File << ": " << severityName(D.D.Level) << ": "
                   << D.D.Message << '\n';
  }
}

/// A progress line on a terminal's stderr, rewritten in place; nothing
/// otherwise.
class ProgressLine {
public:
  explicit ProgressLine(bool Enabled) : Enabled(Enabled) {}
  ~ProgressLine() { clear(); }

  std::function<void(size_t, size_t)> callback() {
    if (!Enabled)
      return nullptr;
    return [this](size_t Done, size_t Total) {
      std::lock_guard<std::mutex> Lock(M);
      // Small scans are over before a line would help.
      if (Total < 50 || (Done % 16 && Done != Total))
        return;
      llvm::errs() << "\r\033[Krampart: reading " << Done << '/' << Total
                   << " files";
      Shown = true;
    };
  }
  /// A new phase replaces the line, once files were many enough to read
  /// that a line is showing.
  std::function<void(llvm::StringRef)> phases() {
    if (!Enabled)
      return nullptr;
    return [this](llvm::StringRef Phase) {
      std::lock_guard<std::mutex> Lock(M);
      if (Shown)
        llvm::errs() << "\r\033[Krampart: " << Phase << "...";
    };
  }
  void clear() {
    std::lock_guard<std::mutex> Lock(M);
    if (Shown)
      llvm::errs() << "\r\033[K";
    Shown = false;
  }

private:
  bool Enabled;
  bool Shown = false;
  std::mutex M;
};

/// --verbose: each phase on its own line with the time since the run
/// started, so a slow or stuck scan says where it is (the hostile-input
/// harness names the phase that hung from these lines).
std::function<void(llvm::StringRef)>
phaseLog(std::function<void(llvm::StringRef)> Also) {
  auto Start = std::chrono::steady_clock::now();
  return [Start, Also = std::move(Also)](llvm::StringRef Phase) {
    std::chrono::duration<double> Elapsed =
        std::chrono::steady_clock::now() - Start;
    llvm::errs() << llvm::format("rampart: [%.3f s] ", Elapsed.count()) << Phase
                 << '\n';
    if (Also)
      Also(Phase);
  };
}

/// What an analysing command needs kept alive: the config, the user
/// checks, and the analysis itself.
struct Session {
  std::unique_ptr<posture::ConfigResolver> Resolver;
  std::unique_ptr<posture::Scopes> Scopes;
  check::PolicySet Policies;
  std::optional<posture::Baseline> Baseline;
  std::unique_ptr<Analysis> Result;
};

/// What every analysing command runs through: the config of each scope
/// (with the command line's overrides), the user checks, the baseline, then
/// `Run` (analyze or evaluate), then the errors found on the way. ExitClean,
/// or the exit code to stop with (a usage or config error, said on stderr).
int runSession(const AnalysisArgs &A, Session &S, bool Progress,
               decltype(&analyze) Run) {
  std::optional<posture::ConfigOverrides> Overrides = overridesOf(A);
  if (!Overrides)
    return ExitUsage;
  S.Resolver = std::make_unique<posture::ConfigResolver>(
      A.ConfigFile.empty() ? std::nullopt
                           : std::optional<std::string>(A.ConfigFile));
  S.Scopes = std::make_unique<posture::Scopes>(*S.Resolver, *Overrides);
  std::vector<std::string> Paths =
      A.Paths.empty() ? std::vector<std::string>{"."} : A.Paths;
  const posture::Config &RunConfig = S.Scopes->forPath(Paths.front());
  if (S.Resolver->hasErrors()) {
    printConfigDiagnostics(*S.Resolver);
    return ExitUsage;
  }
  // User checks join the built-ins; a malformed policy file is reported
  // with the other diagnostics and the scan goes on without it.
  if (!loadPolicies(RunConfig.PolicyDirs.Value, S.Policies))
    return ExitUsage;
  if (!A.Baseline.empty()) {
    auto B = posture::readBaseline(A.Baseline);
    if (!B) {
      llvm::errs() << "rampart: error: " << llvm::toString(B.takeError())
                   << '\n';
      return ExitUsage;
    }
    S.Baseline = std::move(*B);
  }
  AnalyzeOptions O;
  O.Scan.Paths = Paths;
  O.Scan.Discovery.Excludes = A.Excludes;
  O.Scan.Discovery.FollowLinksOutside = A.AllowOutsideRoot;
  O.Scan.Jobs = A.Jobs;
  O.Scan.Load = loadOptions(A.MaxFileMegabytes);
  ProgressLine Line(Progress && !A.NoProgress && llvm::errs().is_displayed());
  O.Scan.Progress = Line.callback();
  O.OnPhase = A.Verbose ? phaseLog(Line.phases()) : Line.phases();
  O.Checks = allChecks(S.Policies);
  O.Posture.Strict = A.Strict;
  O.Posture.TheBaseline = S.Baseline ? &*S.Baseline : nullptr;
  if (!A.Files.empty())
    O.OnlyFiles = A.Files;
  if (!A.ChangedSince.empty())
    O.ChangedSince = A.ChangedSince;
  O.UseEnv = A.UseEnv;
  O.AllowOutsideRoot = A.AllowOutsideRoot;
  O.Fixes.FixParams = A.FixParams;
  S.Result = Run(O, *S.Scopes);
  Line.clear();
  if (A.Verbose)
    O.OnPhase("reporting");
  for (const std::string &E : S.Result->UsageErrors)
    llvm::errs() << "rampart: error: " << E << '\n';
  // A config below the scanned path is read during the analysis.
  if (S.Resolver->hasErrors()) {
    printConfigDiagnostics(*S.Resolver);
    return ExitUsage;
  }
  if (A.Verbose)
    printSkipped(S.Result->Scan);
  for (const check::PolicyDiagnostic &D : S.Policies.diagnostics())
    S.Result->Report.Diagnostics.push_back({D.File, D.D, D.Source});
  return S.Result->UsageErrors.empty() ? ExitClean : ExitUsage;
}

int analyzeFor(const AnalysisArgs &A, Session &S, bool Progress) {
  return runSession(A, S, Progress, &analyze);
}

/// The exit code of an analysis: 1 for a new finding at or above its
/// scope's fail-on, or a file that did not parse (nothing in it could be
/// checked).
int exitCodeOf(const Session &S) {
  const report::Report &R = S.Result->Report;
  return R.errorCount() || S.Result->Posture.Fails ? ExitFindings : ExitClean;
}

/// One `--format` with its `--output` (empty: standard output).
struct OutputSpec {
  std::string Format;
  std::string File;
};

/// Pairs each --output with the --format before it, in command-line order,
/// so `--format sarif --output r.sarif --format text` writes SARIF to a
/// file and text to the terminal.
std::optional<std::vector<OutputSpec>>
outputSpecs(CLI::App *Cmd, const CLI::Option *Format, const CLI::Option *Output,
            const std::vector<std::string> &Formats,
            const std::vector<std::string> &Outputs) {
  std::vector<OutputSpec> Specs;
  size_t F = 0, O = 0;
  for (const CLI::Option *Opt : Cmd->parse_order()) {
    if (Opt == Format && F < Formats.size())
      Specs.push_back({Formats[F++], ""});
    else if (Opt == Output && O < Outputs.size()) {
      if (Specs.empty() || !Specs.back().File.empty())
        Specs.push_back({"text", ""});
      Specs.back().File = Outputs[O++];
    }
  }
  if (Specs.empty())
    Specs.push_back({"text", ""});
  if (llvm::count_if(Specs,
                     [](const OutputSpec &S) { return S.File.empty(); }) > 1) {
    llvm::errs() << "rampart: error: more than one --format writes to "
                    "standard output; give the others an --output FILE\n";
    return std::nullopt;
  }
  return Specs;
}

void writeFormat(llvm::raw_ostream &OS, const std::string &Format,
                 const report::Report &R) {
  if (Format == "json")
    OS << report::dumpJson(report::reportToJson(R)) << '\n';
  else if (Format == "sarif")
    report::writeSarif(R, OS);
  else if (Format == "junit")
    report::writeJUnit(R, OS);
  else if (Format == "github")
    report::writeGitHub(R, OS);
  else if (Format == "markdown")
    report::writeMarkdown(R, OS);
  else
    report::printReportText(OS, R);
}

/// Writes each output; false when a file cannot be written.
bool writeOutputs(const std::vector<OutputSpec> &Specs,
                  const report::Report &R) {
  bool Ok = true;
  for (const OutputSpec &Spec : Specs) {
    if (Spec.File.empty() || Spec.File == "-") {
      writeFormat(llvm::outs(), Spec.Format, R);
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(Spec.File, EC);
    if (EC) {
      llvm::errs() << "rampart: error: " << Spec.File << ": " << EC.message()
                   << '\n';
      Ok = false;
      continue;
    }
    writeFormat(OS, Spec.Format, R);
  }
  return Ok;
}

struct ScanArgs {
  AnalysisArgs Analysis;
  std::vector<std::string> Formats;
  std::vector<std::string> Outputs;
};

int runScan(const ScanArgs &Args, CLI::App *Cmd, const CLI::Option *Format,
            const CLI::Option *Output) {
  auto Specs = outputSpecs(Cmd, Format, Output, Args.Formats, Args.Outputs);
  if (!Specs)
    return ExitUsage;
  Session S;
  bool TextToTerminal = llvm::any_of(*Specs, [](const OutputSpec &O) {
    return O.Format == "text" && O.File.empty();
  });
  if (int Rc = analyzeFor(Args.Analysis, S, TextToTerminal))
    return Rc;
  if (!writeOutputs(*Specs, S.Result->Report))
    return ExitUsage;
  return exitCodeOf(S);
}

struct FixArgs {
  AnalysisArgs Analysis;
  bool Diff = false;
  bool Unsafe = false;
};

/// One fix written, for the summary.
struct WrittenFix {
  std::string File;
  std::string CheckId;
  std::string Title;
  int Round = 0;
};

/// How well each file parsed: whether it was read as a template, as what,
/// and its parse errors. A fix must leave a file no worse.
struct ParseState {
  bool Template = false;
  Dialect TheDialect = Dialect::Arm;
  size_t Errors = 0;

  bool worseThan(const ParseState &Before) const {
    return Before.Template && (!Template || TheDialect != Before.TheDialect ||
                               Errors > Before.Errors);
  }
};

std::map<std::string, ParseState> parseStates(const Analysis &A) {
  std::map<std::string, ParseState> Out;
  for (const auto *Files : {&A.Scan.Files, &A.InputFiles})
    for (const workspace::LoadedFile &F : *Files)
      if (F.Doc)
        Out[F.Path] = {true, F.Doc->dialect(),
                       static_cast<size_t>(llvm::count_if(
                           F.Doc->diagnostics(), [](const Diagnostic &D) {
                             return D.Level == Severity::Error;
                           }))};
  return Out;
}

void printLeftOver(llvm::raw_ostream &OS, const fix::FixSelection &Sel,
                   bool Unsafe) {
  if (!Sel.Unsafe.empty() && !Unsafe)
    OS << Sel.Unsafe.size()
       << " unsafe fixes not applied (they replace a parameter or variable, "
          "or other resources may rely on the value): --unsafe-fixes "
          "applies them\n";
  if (!Sel.Suggested.empty())
    OS << Sel.Suggested.size()
       << " suggested fixes are offered in editors and SARIF only\n";
}

void printConflicts(llvm::raw_ostream &OS, const fix::FixSelection &Sel,
                    llvm::StringRef Then) {
  for (const posture::Finding *F : Sel.Conflicting)
    OS << "  not applied: [" << F->Result.TheCheck->Id << "] " << F->Fix->Title
       << " (" << F->Result.File
       << "): it edits the same text as an earlier fix; " << Then << '\n';
}

check::Applicability mostApplied(bool Unsafe) {
  return Unsafe ? check::Applicability::Unsafe : check::Applicability::Safe;
}

/// The text as the diff shows it: with its byte order mark, so `patch`
/// matches the first line exactly.
std::string diffText(const SourceFile &F, llvm::StringRef Text) {
  return (F.hasByteOrderMark() ? "\xEF\xBB\xBF" : "") + Text.str();
}

/// `--diff`: what the first round of fixes would change, as one unified
/// diff on standard output (for `patch -p0`); nothing is written. Exit 1
/// when there is a change, as a check that the tree needs no fix.
int printFixDiff(const Session &S, bool Unsafe) {
  fix::FixSelection Sel =
      fix::selectFixes(S.Result->Report.Findings, mostApplied(Unsafe));
  size_t Fixes = 0;
  for (const fix::FixedFile &F : Sel.Files) {
    llvm::outs() << fix::unifiedDiff(F.File->path(),
                                     diffText(*F.File, F.File->text()),
                                     diffText(*F.File, F.Text));
    Fixes += F.Fixed.size();
  }
  llvm::errs() << Fixes << " fixes in " << Sel.Files.size() << " files\n";
  printConflicts(llvm::errs(), Sel, "`rampart fix` applies it next round");
  printLeftOver(llvm::errs(), Sel, Unsafe);
  return Sel.Files.empty() ? ExitClean : ExitFindings;
}

/// Writes one round of fixes; false when a file cannot be written.
bool writeRound(const fix::FixSelection &Sel, int Round,
                std::vector<WrittenFix> &Done) {
  bool Ok = true;
  for (const fix::FixedFile &F : Sel.Files) {
    if (llvm::Error E = fix::writeFixed(*F.File, F.Text)) {
      llvm::errs() << "rampart: error: " << llvm::toString(std::move(E))
                   << '\n';
      Ok = false;
      continue;
    }
    for (const posture::Finding *Fixed : F.Fixed)
      Done.push_back({F.File->path().str(), Fixed->Result.TheCheck->Id,
                      Fixed->Fix->Title, Round});
  }
  return Ok;
}

/// Puts back the original text of the files of Sel that the re-scan After
/// reads worse than Before did, and forgets their fixes of this round.
/// Returns the paths restored.
std::set<std::string>
restoreBroken(const fix::FixSelection &Sel,
              const std::map<std::string, ParseState> &Before,
              const Analysis &After, int Round, std::vector<WrittenFix> &Done) {
  std::map<std::string, ParseState> Now = parseStates(After);
  std::set<std::string> Restored;
  for (const fix::FixedFile &F : Sel.Files) {
    std::string Path = F.File->path().str();
    auto Was = Before.find(Path);
    if (Was == Before.end() || !Now[Path].worseThan(Was->second))
      continue;
    llvm::errs() << "rampart: error: the fixes made " << Path
                 << " unparsable; its original text is restored (this is a "
                    "bug in Rampart: please report it)\n";
    if (llvm::Error E = fix::writeFixed(*F.File, F.File->text()))
      llvm::errs() << "rampart: error: " << llvm::toString(std::move(E))
                   << '\n';
    Restored.insert(Path);
    llvm::erase_if(Done, [&](const WrittenFix &W) {
      return W.Round == Round && W.File == Path;
    });
  }
  return Restored;
}

void printWritten(llvm::raw_ostream &OS, std::vector<WrittenFix> Done) {
  std::stable_sort(
      Done.begin(), Done.end(),
      [](const WrittenFix &A, const WrittenFix &B) { return A.File < B.File; });
  std::string LastFile;
  for (const WrittenFix &W : Done) {
    if (W.File != LastFile)
      OS << W.File << ":\n";
    LastFile = W.File;
    OS << "  fixed [" << W.CheckId << "] " << W.Title << '\n';
  }
}

/// Applies fixes, re-scans, and repeats while the re-scan finds more to
/// fix (a fix left out for editing the same text as another goes in the
/// next round), so a second `rampart fix` changes nothing. A file a round
/// made unparsable is restored and left alone after.
int runFix(const FixArgs &Args) {
  constexpr int MaxRounds = 5;
  auto Current = std::make_unique<Session>();
  if (int Rc = analyzeFor(Args.Analysis, *Current, true))
    return Rc;
  if (Args.Diff)
    return printFixDiff(*Current, Args.Unsafe);
  double ScoreBefore = Current->Result->Report.Score.Percent;
  std::vector<WrittenFix> Done;
  std::set<std::string> Restored;
  bool Settled = false;
  for (int Round = 0; Round < MaxRounds && !Settled; ++Round) {
    fix::FixSelection Sel = fix::selectFixes(Current->Result->Report.Findings,
                                             mostApplied(Args.Unsafe));
    llvm::erase_if(Sel.Files, [&](const fix::FixedFile &F) {
      return Restored.count(F.File->path().str());
    });
    Settled = Sel.Files.empty();
    if (Settled)
      break;
    std::map<std::string, ParseState> Before = parseStates(*Current->Result);
    if (!writeRound(Sel, Round, Done))
      return ExitUsage;
    auto Next = std::make_unique<Session>();
    if (int Rc = analyzeFor(Args.Analysis, *Next, true))
      return Rc;
    std::set<std::string> Broken =
        restoreBroken(Sel, Before, *Next->Result, Round, Done);
    if (!Broken.empty()) {
      Restored.insert(Broken.begin(), Broken.end());
      Next = std::make_unique<Session>();
      if (int Rc = analyzeFor(Args.Analysis, *Next, true))
        return Rc;
    }
    // The selection points into the session it came from: the old one
    // goes only now.
    Current = std::move(Next);
  }
  const report::Report &After = Current->Result->Report;
  printWritten(llvm::outs(), Done);
  std::set<std::string> Files;
  for (const WrittenFix &W : Done)
    Files.insert(W.File);
  llvm::outs() << Done.size() << " fixes applied in " << Files.size()
               << " files; secure score " << report::formatPercent(ScoreBefore)
               << " -> " << report::formatPercent(After.Score.Percent) << '\n';
  fix::FixSelection Left =
      fix::selectFixes(After.Findings, mostApplied(Args.Unsafe));
  llvm::erase_if(Left.Files, [&](const fix::FixedFile &F) {
    return Restored.count(F.File->path().str());
  });
  if (!Left.Files.empty()) {
    llvm::outs() << "fixes still apply after " << MaxRounds
                 << " rounds: run `rampart fix` again\n";
    printConflicts(llvm::outs(), Left, "run `rampart fix` again");
  }
  printLeftOver(llvm::outs(), Left, Args.Unsafe);
  size_t Remaining = llvm::count_if(
      After.Findings, [](const posture::Finding &F) { return F.active(); });
  llvm::outs() << Remaining << " findings remain\n";
  if (!Restored.empty() || !Left.Files.empty())
    return ExitFindings;
  return exitCodeOf(*Current);
}

/// `rampart lsp`: the language server on standard input and output.
int runLsp() {
  std::ios::sync_with_stdio(false);
  lsp::Transport T(std::cin, llvm::outs());
  lsp::Server S(T);
  return S.run();
}

struct ScoreArgs {
  AnalysisArgs Analysis;
  std::string Format = "text";
  unsigned Top = 10;
};

int runScore(const ScoreArgs &Args) {
  Session S;
  if (int Rc = analyzeFor(Args.Analysis, S, Args.Format == "text"))
    return Rc;
  const report::Report &R = S.Result->Report;
  if (Args.Format == "json")
    llvm::outs() << report::dumpJson(report::scoreToJson(R.Score)) << '\n';
  else
    report::printScoreText(llvm::outs(), R.Score, Args.Top);
  return ExitClean;
}

struct ComplianceArgs {
  AnalysisArgs Analysis;
  std::string Framework;
  std::string Format = "text";
};

int runCompliance(const ComplianceArgs &Args) {
  const posture::Framework *F = posture::findFramework(Args.Framework);
  if (!F) {
    llvm::errs() << "rampart: error: no framework '" << Args.Framework << "'\n";
    return ExitUsage;
  }
  Session S;
  if (int Rc = analyzeFor(Args.Analysis, S, Args.Format == "text"))
    return Rc;
  const report::Report &R = S.Result->Report;
  // Suppressed results count as exempt, as on the score.
  posture::ComplianceReport C =
      posture::assessCompliance(*F, R.Checks, S.Result->Posture.scored());
  if (Args.Format == "json")
    llvm::outs() << report::dumpJson(posture::complianceToJson(C)) << '\n';
  else
    posture::printCompliance(llvm::outs(), C);
  return ExitClean;
}

struct BaselineArgs {
  AnalysisArgs Analysis;
  std::string File;
};

int runBaselineCreate(const BaselineArgs &Args) {
  Session S;
  if (int Rc = analyzeFor(Args.Analysis, S, true))
    return Rc;
  const report::Report &R = S.Result->Report;
  std::error_code EC;
  llvm::raw_fd_ostream OS(Args.File, EC);
  if (EC) {
    llvm::errs() << "rampart: error: " << Args.File << ": " << EC.message()
                 << '\n';
    return ExitUsage;
  }
  OS << report::dumpJson(posture::baselineToJson(R.Findings)) << '\n';
  size_t Recorded = R.Findings.size() - R.suppressedCount();
  llvm::errs() << "rampart: recorded " << Recorded << " finding"
               << (Recorded == 1 ? "" : "s") << " in " << Args.File << '\n';
  return ExitClean;
}

struct ConfigArgs {
  std::string Path = ".";
  std::string ConfigFile;
  std::string Format = "text";
};

int runConfigShow(const ConfigArgs &Args) {
  posture::ConfigResolver Resolver(
      Args.ConfigFile.empty() ? std::nullopt
                              : std::optional<std::string>(Args.ConfigFile));
  const posture::Config *C = Resolver.forPath(Args.Path);
  printConfigDiagnostics(Resolver);
  if (!C)
    return ExitUsage;
  if (Args.Format == "json")
    llvm::outs() << report::dumpJson(posture::configToJson(*C)) << '\n';
  else
    llvm::outs() << posture::configToText(*C);
  return ExitClean;
}

std::optional<workspace::DialectAndRole> dialectFromFlag(llvm::StringRef Name,
                                                         llvm::StringRef Path) {
  FileRole Role = FileRole::Template;
  if (Path.endswith(".bicepparam") || Path.endswith("parameters.json"))
    Role = FileRole::Parameters;
  else if (Path.endswith(".tfvars") || Path.endswith(".tfvars.json"))
    Role = FileRole::Variables;
  for (Dialect D : {Dialect::Bicep, Dialect::Arm, Dialect::Terraform,
                    Dialect::CloudFormation})
    if (dialectName(D) == Name)
      return workspace::DialectAndRole{D, Role};
  return std::nullopt;
}

int runParse(const ParseArgs &Args) {
  auto Source = SourceFile::open(Args.File);
  if (!Source) {
    llvm::errs() << "rampart: error: " << llvm::toString(Source.takeError())
                 << '\n';
    return ExitUsage;
  }
  workspace::LoadedFile Loaded;
  if (!Args.Dialect.empty()) {
    auto Kind = dialectFromFlag(Args.Dialect, Args.File);
    if (!Kind) {
      llvm::errs() << "rampart: error: unknown dialect '" << Args.Dialect
                   << "'\n";
      return ExitUsage;
    }
    Loaded.Path = Args.File;
    Loaded.Doc = std::make_shared<const Document>(workspace::parseAs(
        **Source, *Kind, loadOptions(Args.MaxFileMegabytes)));
    Loaded.Source = std::move(*Source);
  } else {
    Loaded = workspace::loadSource(std::move(*Source),
                                   loadOptions(Args.MaxFileMegabytes));
  }
  if (!Loaded.Doc) {
    llvm::errs() << "rampart: error: " << Args.File << ": " << Loaded.SkipReason
                 << " (use --dialect to parse it anyway)\n";
    return ExitUsage;
  }
  if (Args.Format == "json") {
    llvm::outs() << report::dumpJson(documentToJson(*Loaded.Doc), 2) << '\n';
  } else {
    for (const Diagnostic &D : Loaded.Doc->diagnostics())
      report::printDiagnostic(llvm::outs(), *Loaded.Source, D);
  }
  return Loaded.Doc->hasErrors() ? ExitFindings : ExitClean;
}

struct GraphArgs {
  AnalysisArgs Analysis;
  std::string Format = "json";
};

int runGraph(const GraphArgs &Args) {
  Session S;
  if (int Rc = runSession(Args.Analysis, S, false, &evaluate))
    return Rc;
  const std::vector<model::DeploymentUnit> &Built = S.Result->Units;
  // Notes (a resource left out by a false condition, a nested stack not
  // followed) are in the JSON; --verbose also says them on stderr.
  if (Args.Analysis.Verbose)
    for (const model::DeploymentUnit &U : Built)
      for (const model::FileDiagnostic &D : U.Diagnostics)
        if (D.D.Level == Severity::Note)
          llvm::errs() << D.File << ':' << D.D.Range.Start.Line << ':'
                       << D.D.Range.Start.Column << ": note: " << D.D.Message
                       << '\n';
  if (Args.Format == "dot")
    llvm::outs() << report::unitsToDot(Built);
  else
    llvm::outs() << report::dumpJson(report::unitsToJson(Built), 2) << '\n';
  return ExitClean;
}

struct ChecksArgs {
  std::string Format = "text";
  std::string Id;
  std::string Dir;
  std::vector<std::string> PolicyDirs;
};

/// Loads --policy-dir for the `checks` commands; problems go to stderr, and
/// Errors says whether there were any (exit 1 once the command is done).
std::optional<check::PolicySet> policiesFor(const ChecksArgs &Args,
                                            bool &Errors) {
  check::PolicySet P;
  if (!loadPolicies(Args.PolicyDirs, P))
    return std::nullopt;
  for (const check::PolicyDiagnostic &D : P.diagnostics())
    printPolicyDiagnostic(llvm::errs(), D);
  Errors = P.errorCount() > 0;
  return P;
}

int runChecksList(const ChecksArgs &Args) {
  bool Errors = false;
  std::optional<check::PolicySet> P = policiesFor(Args, Errors);
  if (!P)
    return ExitUsage;
  std::vector<const check::Check *> All = allChecks(*P);
  // The attack paths (docs/attack-paths.md), after the checks.
  llvm::append_range(All, exposure::pathChecks());
  if (Args.Format == "json") {
    nlohmann::ordered_json Out = nlohmann::ordered_json::array();
    for (const check::Check *C : All)
      Out.push_back(report::checkToJson(*C));
    llvm::outs() << report::dumpJson(Out, 2) << '\n';
  } else {
    for (const check::Check *C : All)
      llvm::outs() << report::checkLine(*C) << '\n';
  }
  return Errors ? ExitFindings : ExitClean;
}

/// The built-in or user check with Args.Id, or null (with an error said).
const check::Check *findCheck(const ChecksArgs &Args,
                              const check::PolicySet &P) {
  const check::Check *C = checks::findBuiltinCheck(Args.Id);
  if (!C)
    C = P.find(Args.Id);
  for (const check::Check *Path : exposure::pathChecks())
    if (!C && llvm::StringRef(Path->Id).equals_insensitive(Args.Id))
      C = Path;
  if (!C)
    llvm::errs() << "rampart: error: no check '" << Args.Id
                 << "' (see `rampart checks list`)\n";
  return C;
}

int runChecksExplain(const ChecksArgs &Args) {
  bool Errors = false;
  std::optional<check::PolicySet> P = policiesFor(Args, Errors);
  if (!P)
    return ExitUsage;
  const check::Check *C = findCheck(Args, *P);
  if (!C)
    return ExitUsage;
  llvm::outs() << report::checkMarkdown(*C);
  return Errors ? ExitFindings : ExitClean;
}

int runChecksExport(const ChecksArgs &Args) {
  bool Errors = false;
  std::optional<check::PolicySet> P = policiesFor(Args, Errors);
  if (!P)
    return ExitUsage;
  const check::Check *C = findCheck(Args, *P);
  if (!C)
    return ExitUsage;
  std::string Error;
  std::optional<std::string> Yaml = check::exportPolicy(*C, Error);
  if (!Yaml) {
    llvm::errs() << "rampart: error: " << Error << '\n';
    return ExitUsage;
  }
  llvm::outs() << *Yaml;
  return Errors ? ExitFindings : ExitClean;
}

bool writeText(const std::string &Path, const std::string &Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    llvm::errs() << "rampart: error: " << Path << ": " << EC.message() << '\n';
    return false;
  }
  OS << Text;
  return true;
}

int runChecksDocs(const ChecksArgs &Args) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Args.Dir)) {
    llvm::errs() << "rampart: error: " << Args.Dir << ": " << EC.message()
                 << '\n';
    return ExitUsage;
  }
  const auto &All = checks::builtinChecks();
  bool Ok = writeText(Args.Dir + "/index.md", report::checksIndexMarkdown(All));
  for (const check::Check *C : All)
    Ok = Ok &&
         writeText(Args.Dir + "/" + C->Id + ".md", report::checkMarkdown(*C));
  return Ok ? ExitClean : ExitUsage;
}

/// Standard output for "" and "-", else the file; false (said) when it
/// cannot be written.
bool writeOutput(const std::string &Path, const std::string &Text) {
  if (Path.empty() || Path == "-") {
    llvm::outs() << Text;
    return true;
  }
  return writeText(Path, Text);
}

struct MapArgs {
  AnalysisArgs Analysis;
  std::string Format = "svg";
  std::string Output;
};

/// `rampart map`: the units' network maps; evaluation only, no checks.
int runMap(const MapArgs &Args) {
  Session S;
  if (int Rc = runSession(Args.Analysis, S, false, &evaluate))
    return Rc;
  std::vector<report::UnitMap> Maps =
      report::buildMaps(S.Result->Units, checks::builtinChecks());
  std::string Text;
  if (Args.Format == "dot")
    Text = report::mapsToDot(Maps);
  else if (Args.Format == "mermaid")
    Text = report::mapsToMermaid(Maps);
  else if (Args.Format == "json")
    Text = report::dumpJson(report::mapsToJson(Maps), 2) + "\n";
  else
    Text = report::mapsToSvg(Maps);
  return writeOutput(Args.Output, Text) ? ExitClean : ExitUsage;
}

struct ReportArgs {
  AnalysisArgs Analysis;
  std::string Output;
};

/// `rampart report`: the self-contained HTML posture report.
int runReport(const ReportArgs &Args) {
  Session S;
  if (int Rc = analyzeFor(Args.Analysis, S, true))
    return Rc;
  const report::Report &R = S.Result->Report;
  std::vector<report::UnitMap> Maps =
      report::buildMaps(S.Result->Units, checks::builtinChecks());
  report::HtmlReportInput In;
  In.TheReport = &R;
  In.Maps = Maps;
  std::vector<posture::Scored> Scored = S.Result->Posture.scored();
  for (const posture::Framework &F : posture::frameworks())
    In.Compliance.push_back(posture::assessCompliance(F, R.Checks, Scored));
  In.Paths = Args.Analysis.Paths;
  In.Generated = posture::formatDate(posture::today()) + " (UTC)";
  std::string Html;
  llvm::raw_string_ostream OS(Html);
  report::writeHtmlReport(OS, In);
  return writeOutput(Args.Output, Html) ? ExitClean : ExitUsage;
}

// `rampart PATHS...` means `rampart scan PATHS...`: scan is the default.
std::vector<std::string> withDefaultCommand(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  static const char *Explicit[] = {
      "scan",   "fix",        "lsp",       "parse",  "graph", "checks",
      "score",  "compliance", "baseline",  "config", "map",   "report",
      "--help", "-h",         "--version", "help"};
  bool HasCommand =
      !Args.empty() && std::any_of(std::begin(Explicit), std::end(Explicit),
                                   [&](const char *C) { return Args[0] == C; });
  if (!HasCommand)
    Args.insert(Args.begin(), "scan");
  std::reverse(Args.begin(), Args.end()); // CLI11 takes them last-first
  return Args;
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"Rampart: security analysis for Bicep, ARM, Terraform and "
               "CloudFormation, before deployment.",
               "rampart"};
  App.set_version_flag("--version", std::string("rampart ") + RAMPART_VERSION);
  App.footer(R"(Run `rampart COMMAND --help` for a command's options.

Exit codes: 0 no new finding at or above --fail-on; 1 such findings, or a
template that does not parse; 2 a usage or config error, or no input.

Config: the closest .rampart.yaml above each path applies (checks enable and
disable globs, severity overrides, severity-threshold, fail-on, exclude,
policy-dirs, parameters, var-files, vars, params, context, environment,
suppressions policy, ignore entries); `extends:` chains files; flags
override. `rampart config show PATH` prints it with where each value comes
from.

Suppress a finding on the line before the resource or property (or at the
top of a file for the whole file), in the dialect's comment syntax:
  # rampart:ignore AZ-STORAGE-001 reason="legacy clients" until=2027-06-30
  // rampart:ignore AWS-S3-001,AWS-S3-002 reason="public website"
CloudFormation JSON: resource Metadata {"rampart": {"ignore": [{"id": "...",
"reason": "...", "until": "YYYY-MM-DD"}]}}; Terraform JSON: a "//" member
holding the same comment text. Expired and unmatched ones are warned about.

Fixes (safe ones; --unsafe-fixes, --fix-params for more; docs/fixes.md):
  rampart fix --diff PATHS      (print the edits)     rampart fix PATHS     (apply, re-scan)

Pull requests and hooks:
  rampart scan --changed-since origin/main --format sarif -o r.sarif --format github
  rampart baseline create .rampart-baseline.json    then   rampart scan --baseline .rampart-baseline.json
  rampart scan --files FILE...                       (what pre-commit calls)
Formats: text, json, sarif, junit, github, markdown; repeat --format, each
followed by its own -o FILE (one may go to standard output).)");
  App.require_subcommand(1);

  ScanArgs Scan;
  CLI::App *ScanCmd =
      App.add_subcommand("scan", "Scan files and directories (the default)");
  addAnalysisOptions(ScanCmd, Scan.Analysis);
  CLI::Option *FormatOpt =
      ScanCmd
          ->add_option("--format", Scan.Formats,
                       "Output format (repeatable, each with its own "
                       "--output): text, json, sarif, junit, github, "
                       "markdown")
          ->check(CLI::IsMember(
              {"text", "json", "sarif", "junit", "github", "markdown"}))
          ->allow_extra_args(false);
  CLI::Option *OutputOpt =
      ScanCmd
          ->add_option("-o,--output", Scan.Outputs,
                       "Write the --format given before it to this file "
                       "(default: standard output)")
          ->allow_extra_args(false);

  FixArgs Fix;
  CLI::App *FixCmd = App.add_subcommand(
      "fix", "Apply the findings' safe fixes to the files, keeping their "
             "formatting and comments; then re-scan");
  addAnalysisOptions(FixCmd, Fix.Analysis);
  FixCmd->add_flag("--diff", Fix.Diff,
                   "Print the changes as a unified diff and write nothing "
                   "(exit 1 when there are any)");
  FixCmd->add_flag("--unsafe-fixes", Fix.Unsafe,
                   "Also apply unsafe fixes: those that replace a parameter "
                   "or variable reference, or that other resources may rely "
                   "on");
  FixCmd->add_flag("--fix-params", Fix.Analysis.FixParams,
                   "Change a value that comes from a parameter or variable "
                   "where it is set (its default, a parameter or .tfvars "
                   "file) instead of at its use (unsafe: every use changes)");

  CLI::App *LspCmd = App.add_subcommand(
      "lsp", "Run the language server (LSP 3.17) on standard input and "
             "output, for editors");
  bool Stdio = true;
  LspCmd->add_flag("--stdio", Stdio,
                   "Talk over standard input and output (the only transport; "
                   "accepted because clients pass it)");

  ScoreArgs Score;
  CLI::App *ScoreCmd = App.add_subcommand(
      "score", "Print the secure score: overall, per security control and "
               "per unit, with the top recommendations");
  addAnalysisOptions(ScoreCmd, Score.Analysis);
  ScoreCmd->add_option("--format", Score.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  ScoreCmd->add_option("--top", Score.Top,
                       "How many recommendations to list (default: 10)");

  ComplianceArgs Compliance;
  CLI::App *ComplianceCmd = App.add_subcommand(
      "compliance", "Per framework control: the checks mapped to it and how "
                    "they did; controls no check covers are marked");
  addAnalysisOptions(ComplianceCmd, Compliance.Analysis);
  ComplianceCmd
      ->add_option("--framework", Compliance.Framework,
                   "mcsb, cis-azure, cis-aws, cis-gcp or aws-fsbp")
      ->required()
      ->check(CLI::IsMember(
          {"mcsb", "cis-azure", "cis-aws", "cis-gcp", "aws-fsbp"}));
  ComplianceCmd->add_option("--format", Compliance.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));

  CLI::App *BaselineCmd = App.add_subcommand(
      "baseline", "Record today's findings, so later runs report new ones");
  BaselineCmd->require_subcommand(1);
  BaselineArgs Baseline;
  CLI::App *BaselineCreateCmd = BaselineCmd->add_subcommand(
      "create", "Write the current findings' fingerprints to FILE");
  BaselineCreateCmd->add_option("file", Baseline.File, "The baseline file")
      ->required();
  addAnalysisOptions(BaselineCreateCmd, Baseline.Analysis);

  CLI::App *ConfigCmd =
      App.add_subcommand("config", "Show the effective configuration");
  ConfigCmd->require_subcommand(1);
  ConfigArgs Config;
  CLI::App *ConfigShowCmd = ConfigCmd->add_subcommand(
      "show", "Print the config that applies to PATH and where each value "
              "comes from");
  ConfigShowCmd->add_option("path", Config.Path,
                            "A file or directory (default: .)");
  ConfigShowCmd->add_option("--config", Config.ConfigFile,
                            "Use this config file instead of the closest "
                            ".rampart.yaml");
  ConfigShowCmd->add_option("--format", Config.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));

  ParseArgs Parse;
  CLI::App *ParseCmd = App.add_subcommand(
      "parse", "Print the positioned document of one file (for debugging)");
  ParseCmd->add_option("file", Parse.File, "The file to parse")->required();
  ParseCmd->add_option("--format", Parse.Format, "Output format")
      ->check(CLI::IsMember({"json", "text"}));
  ParseCmd
      ->add_option("--dialect", Parse.Dialect,
                   "Parse as this dialect instead of detecting it")
      ->check(CLI::IsMember({"bicep", "arm", "terraform", "cloudformation"}));
  ParseCmd
      ->add_option("--max-file-size", Parse.MaxFileMegabytes,
                   "Report larger files instead of parsing them (MB)")
      ->check(CLI::PositiveNumber);

  GraphArgs Graph;
  CLI::App *GraphCmd = App.add_subcommand(
      "graph", "Print the evaluated resources and their edges");
  addInputOptions(GraphCmd, Graph.Analysis);
  GraphCmd->add_option("--format", Graph.Format, "Output format")
      ->check(CLI::IsMember({"json", "dot"}));

  MapArgs Map;
  CLI::App *MapCmd = App.add_subcommand(
      "map", "Draw each unit's network map: resources by network and "
             "subnet, internet exposure with its ports, attack paths");
  addInputOptions(MapCmd, Map.Analysis);
  MapCmd->add_option("--format", Map.Format, "Output format (default: svg)")
      ->check(CLI::IsMember({"svg", "dot", "mermaid", "json"}));
  MapCmd->add_option("-o,--output", Map.Output,
                     "Write to this file (default: standard output)");

  ReportArgs HtmlReport;
  CLI::App *ReportCmd = App.add_subcommand(
      "report", "Write one self-contained HTML report: secure score, ranked "
                "recommendations, findings, compliance, network maps");
  addAnalysisOptions(ReportCmd, HtmlReport.Analysis);
  ReportCmd->add_option("-o,--output", HtmlReport.Output,
                        "Write to this file, e.g. report.html (default: "
                        "standard output)");

  CLI::App *ChecksCmd =
      App.add_subcommand("checks", "List, explain and document the checks");
  ChecksCmd->require_subcommand(1);
  ChecksArgs Checks;
  CLI::App *ListCmd = ChecksCmd->add_subcommand("list", "List the checks");
  ListCmd->add_option("--format", Checks.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  CLI::App *ExplainCmd =
      ChecksCmd->add_subcommand("explain", "Explain one check");
  ExplainCmd->add_option("id", Checks.Id, "The check's id")->required();
  CLI::App *ExportCmd = ChecksCmd->add_subcommand(
      "export", "Print a check as a YAML policy (checks/policy-format.md)");
  ExportCmd->add_option("id", Checks.Id, "The check's id")->required();
  std::string ExportFormat = "yaml";
  ExportCmd->add_option("--format", ExportFormat, "Output format")
      ->check(CLI::IsMember({"yaml"}));
  for (CLI::App *Cmd : {ListCmd, ExplainCmd, ExportCmd})
    Cmd->add_option("--policy-dir", Checks.PolicyDirs,
                    "Include the YAML checks under this directory "
                    "(repeatable)")
        ->allow_extra_args(false);
  CLI::App *DocsCmd = ChecksCmd->add_subcommand(
      "docs", "Write the checks' Markdown docs into a directory");
  DocsCmd->add_option("dir", Checks.Dir, "Where to write them")->required();

  // Colors only on a terminal, and never when NO_COLOR asks (no-color.org).
  bool Color = llvm::outs().is_displayed() && !std::getenv("NO_COLOR");
  llvm::outs().enable_colors(Color);
  llvm::errs().enable_colors(Color);

  std::vector<std::string> Args = withDefaultCommand(Argc, Argv);
  try {
    App.parse(Args);
  } catch (const CLI::ParseError &E) {
    int Code = App.exit(E);
    return Code == 0 ? ExitClean : ExitUsage;
  }
  if (ScanCmd->parsed())
    return runScan(Scan, ScanCmd, FormatOpt, OutputOpt);
  if (FixCmd->parsed())
    return runFix(Fix);
  if (LspCmd->parsed())
    return runLsp();
  if (ScoreCmd->parsed())
    return runScore(Score);
  if (ComplianceCmd->parsed())
    return runCompliance(Compliance);
  if (BaselineCreateCmd->parsed())
    return runBaselineCreate(Baseline);
  if (ConfigShowCmd->parsed())
    return runConfigShow(Config);
  if (GraphCmd->parsed())
    return runGraph(Graph);
  if (MapCmd->parsed())
    return runMap(Map);
  if (ReportCmd->parsed())
    return runReport(HtmlReport);
  if (ListCmd->parsed())
    return runChecksList(Checks);
  if (ExplainCmd->parsed())
    return runChecksExplain(Checks);
  if (ExportCmd->parsed())
    return runChecksExport(Checks);
  if (DocsCmd->parsed())
    return runChecksDocs(Checks);
  return runParse(Parse);
}
