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
#include "analyzer/Scan.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Policy.h"
#include "analyzer/eval/arm/TemplateEvaluator.h"
#include "analyzer/report/CheckDocs.h"
#include "analyzer/report/Findings.h"
#include "analyzer/report/Graph.h"
#include "analyzer/report/Text.h"
#include "analyzer/workspace/Loader.h"
#include "checks/Registry.h"
#include "parsers/common/DocumentJson.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <map>

namespace {

using namespace rampart;

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

// Invalid UTF-8 in a template must not make the JSON writer throw.
std::string dumpJson(const nlohmann::ordered_json &J, int Indent) {
  return J.dump(Indent, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

struct ScanArgs {
  std::vector<std::string> Paths;
  std::vector<std::string> Excludes;
  std::string Format = "text";
  std::vector<std::string> Checks, SkipChecks;
  std::vector<std::string> PolicyDirs;
  std::string MinSeverity = "low";
  std::string FailOn = "low";
  bool Strict = false;
  bool Verbose = false;
  unsigned Jobs = 0;
  double MaxFileMegabytes = 16;
};

struct ParseArgs {
  std::string File;
  std::string Format = "json";
  std::string Dialect;
  double MaxFileMegabytes = 16;
};

struct GraphArgs {
  std::vector<std::string> Paths;
  std::string Format = "json";
  std::vector<std::string> Params;
  std::vector<std::string> Context;
  std::string ParameterFile;
  std::vector<std::string> Vars;
  std::vector<std::string> VarFiles;
  bool UseEnv = false;
  bool AllowOutsideRoot = false;
  bool Verbose = false;
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

/// What a scan found: the results of the selected checks.
struct ScanFindings {
  std::vector<check::Result> Findings; ///< Unhealthy, at or above --severity
  std::vector<check::Result> Unknown;  ///< Only with --strict
  size_t Resources = 0;
};

void printScanText(const ScanResult &R, const ScanFindings &F,
                   const check::PolicySet &Policies) {
  for (const check::Result &Res : F.Findings)
    report::printFinding(llvm::outs(), Res);
  for (const check::Result &Res : F.Unknown)
    report::printFinding(llvm::outs(), Res);
  std::map<std::string, unsigned> PerDialect;
  unsigned Errors = 0, Warnings = 0;
  for (const check::PolicyDiagnostic &D : Policies.diagnostics()) {
    printPolicyDiagnostic(llvm::outs(), D);
    Errors += D.D.Level == Severity::Error;
    Warnings += D.D.Level == Severity::Warning;
  }
  for (const workspace::LoadedFile &F : R.Files) {
    if (!F.ReadError.empty()) {
      llvm::outs() << F.Path << ": error: " << F.ReadError << '\n';
      ++Errors;
    }
    if (!F.Doc)
      continue;
    ++PerDialect[dialectName(F.Doc->dialect()).str()];
    for (const Diagnostic &D : F.Doc->diagnostics()) {
      report::printDiagnostic(llvm::outs(), *F.Source, D);
      Errors += D.Level == Severity::Error;
      Warnings += D.Level == Severity::Warning;
    }
  }
  llvm::outs() << "rampart: " << R.templateCount() << " template file"
               << (R.templateCount() == 1 ? "" : "s");
  const char *Sep = " (";
  for (const auto &[Name, Count] : PerDialect) {
    llvm::outs() << Sep << Count << ' ' << Name;
    Sep = ", ";
  }
  llvm::outs() << (PerDialect.empty() ? "" : ")") << ", " << F.Resources
               << " resource" << (F.Resources == 1 ? "" : "s") << ", "
               << F.Findings.size() << " finding"
               << (F.Findings.size() == 1 ? "" : "s");
  if (!F.Unknown.empty())
    llvm::outs() << ", " << F.Unknown.size() << " unknown";
  llvm::outs() << ", " << Errors << " error" << (Errors == 1 ? "" : "s") << ", "
               << Warnings << " warning" << (Warnings == 1 ? "" : "s") << '\n';
}

void printScanJson(const ScanResult &R, const ScanFindings &F,
                   const check::PolicySet &Policies) {
  nlohmann::ordered_json Diagnostics = nlohmann::ordered_json::array();
  for (const check::PolicyDiagnostic &D : Policies.diagnostics()) {
    nlohmann::ordered_json J = diagnosticToJson(D.D);
    J["file"] = D.File;
    Diagnostics.push_back(std::move(J));
  }
  nlohmann::ordered_json PerDialect = nlohmann::ordered_json::object();
  for (const workspace::LoadedFile &F : R.Files) {
    if (!F.ReadError.empty())
      Diagnostics.push_back(
          {{"file", F.Path}, {"severity", "error"}, {"message", F.ReadError}});
    if (!F.Doc)
      continue;
    std::string Name = dialectName(F.Doc->dialect()).str();
    PerDialect[Name] = PerDialect.value(Name, 0) + 1;
    for (const Diagnostic &D : F.Doc->diagnostics()) {
      nlohmann::ordered_json J = diagnosticToJson(D);
      J["file"] = F.Path;
      Diagnostics.push_back(std::move(J));
    }
  }
  nlohmann::ordered_json Findings = nlohmann::ordered_json::array();
  nlohmann::ordered_json BySeverity = nlohmann::ordered_json::object();
  for (const check::Result &Res : F.Findings) {
    Findings.push_back(report::findingToJson(Res));
    std::string Level = check::levelName(Res.TheCheck->Severity).str();
    BySeverity[Level] = BySeverity.value(Level, 0) + 1;
  }
  nlohmann::ordered_json Out = {{"version", RAMPART_VERSION},
                                {"findings", std::move(Findings)}};
  // Filled only with --strict; always present so pipelines can rely on it.
  nlohmann::ordered_json Unknown = nlohmann::ordered_json::array();
  for (const check::Result &Res : F.Unknown)
    Unknown.push_back(report::findingToJson(Res));
  Out["unknown"] = std::move(Unknown);
  Out["diagnostics"] = std::move(Diagnostics);
  Out["summary"] = {{"files", R.templateCount()},
                    {"byDialect", std::move(PerDialect)},
                    {"resources", F.Resources},
                    {"findings", F.Findings.size()},
                    {"bySeverity", std::move(BySeverity)}};
  llvm::outs() << dumpJson(Out, 2) << '\n';
}

int runScan(const ScanArgs &Args) {
  ScanOptions Options;
  Options.Paths =
      Args.Paths.empty() ? std::vector<std::string>{"."} : Args.Paths;
  Options.Discovery.Excludes = Args.Excludes;
  Options.Jobs = Args.Jobs;
  Options.Load = loadOptions(Args.MaxFileMegabytes);
  ScanResult R = scanWorkspace(Options);
  for (const workspace::SkippedPath &E : R.PathErrors)
    llvm::errs() << "rampart: error: " << E.Path << ": " << E.Reason << '\n';
  if (Args.Verbose)
    printSkipped(R);
  // User checks join the built-ins; a malformed policy file is reported
  // with the other diagnostics and the scan goes on without it.
  check::PolicySet Policies;
  if (!loadPolicies(Args.PolicyDirs, Policies))
    return ExitUsage;
  std::string Error;
  std::vector<const check::Check *> Selected = check::selectChecks(
      allChecks(Policies), Args.Checks, Args.SkipChecks, Error);
  if (!Error.empty()) {
    llvm::errs() << "rampart: error: " << Error << '\n';
    return ExitUsage;
  }
  check::Level Min = *check::levelNamed(Args.MinSeverity);
  check::Level FailOn = *check::levelNamed(Args.FailOn);
  UnitOptions Units;
  Units.Jobs = Args.Jobs;
  std::vector<model::DeploymentUnit> Built = buildUnits(R, Units);
  ScanFindings F;
  for (const model::DeploymentUnit &U : Built)
    F.Resources += U.Graph.resources().size();
  bool Fail = false;
  for (check::Result &Res :
       check::Engine(std::move(Selected)).run(Built, Args.Jobs)) {
    if (Res.TheOutcome == check::Outcome::Unhealthy &&
        Res.TheCheck->Severity >= Min) {
      Fail |= Res.TheCheck->Severity >= FailOn;
      F.Findings.push_back(std::move(Res));
    } else if (Res.TheOutcome == check::Outcome::Unknown && Args.Strict) {
      F.Unknown.push_back(std::move(Res));
    }
  }
  if (Args.Format == "json")
    printScanJson(R, F, Policies);
  else
    printScanText(R, F, Policies);
  if (!R.PathErrors.empty())
    return ExitUsage;
  return R.errorCount() || Policies.errorCount() || Fail ? ExitFindings
                                                         : ExitClean;
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
    Loaded.Doc.emplace(workspace::parseAs(**Source, *Kind,
                                          loadOptions(Args.MaxFileMegabytes)));
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
    llvm::outs() << dumpJson(documentToJson(*Loaded.Doc), 2) << '\n';
  } else {
    for (const Diagnostic &D : Loaded.Doc->diagnostics())
      report::printDiagnostic(llvm::outs(), *Loaded.Source, D);
  }
  return Loaded.Doc->hasErrors() ? ExitFindings : ExitClean;
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

int runGraph(const GraphArgs &Args) {
  UnitOptions Units;
  if (!readAssignments(Args.Params, "--param", Units.Params) ||
      !readAssignments(Args.Context, "--context", Units.Context))
    return ExitUsage;
  std::unique_ptr<SourceFile> ParamSource;
  std::optional<Document> ParamDoc;
  if (!Args.ParameterFile.empty()) {
    auto Source = SourceFile::open(Args.ParameterFile);
    if (!Source) {
      llvm::errs() << "rampart: error: " << llvm::toString(Source.takeError())
                   << '\n';
      return ExitUsage;
    }
    ParamSource = std::move(*Source);
    // A .bicepparam, or else an ARM JSON parameter file.
    Dialect D = llvm::StringRef(Args.ParameterFile).endswith(".bicepparam")
                    ? Dialect::Bicep
                    : Dialect::Arm;
    ParamDoc.emplace(
        workspace::parseAs(*ParamSource, {D, FileRole::Parameters}));
    Units.ParameterFile = &*ParamDoc;
  }
  if (!readAssignments(Args.Vars, "--var", Units.Vars))
    return ExitUsage;
  std::vector<workspace::LoadedFile> VarFiles;
  for (const std::string &Path : Args.VarFiles) {
    workspace::LoadedFile F = workspace::loadFile(Path);
    if (!F.Doc || F.Doc->dialect() != Dialect::Terraform) {
      llvm::errs() << "rampart: error: --var-file " << Path << ": "
                   << (F.ReadError.empty() ? "not a .tfvars file" : F.ReadError)
                   << '\n';
      return ExitUsage;
    }
    VarFiles.push_back(std::move(F));
  }
  for (const workspace::LoadedFile &F : VarFiles)
    Units.VarFiles.push_back(&*F.Doc);
  Units.UseEnv = Args.UseEnv;
  Units.AllowOutsideRoot = Args.AllowOutsideRoot;
  ScanOptions Options;
  Options.Paths =
      Args.Paths.empty() ? std::vector<std::string>{"."} : Args.Paths;
  ScanResult R = scanWorkspace(Options);
  for (const workspace::SkippedPath &E : R.PathErrors)
    llvm::errs() << "rampart: error: " << E.Path << ": " << E.Reason << '\n';
  if (!R.PathErrors.empty())
    return ExitUsage;
  if (Args.Verbose)
    printSkipped(R);
  std::vector<model::DeploymentUnit> Built = buildUnits(R, Units);
  // Notes (a resource left out by a false condition, a nested stack not
  // followed) are in the JSON; --verbose also says them on stderr.
  if (Args.Verbose)
    for (const model::DeploymentUnit &U : Built)
      for (const model::FileDiagnostic &D : U.Diagnostics)
        if (D.D.Level == Severity::Note)
          llvm::errs() << D.File << ':' << D.D.Range.Start.Line << ':'
                       << D.D.Range.Start.Column << ": note: " << D.D.Message
                       << '\n';
  if (Args.Format == "dot")
    llvm::outs() << report::unitsToDot(Built);
  else
    llvm::outs() << dumpJson(report::unitsToJson(Built), 2) << '\n';
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
  if (Args.Format == "json") {
    nlohmann::ordered_json Out = nlohmann::ordered_json::array();
    for (const check::Check *C : All)
      Out.push_back(report::checkToJson(*C));
    llvm::outs() << dumpJson(Out, 2) << '\n';
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

// `rampart PATHS...` means `rampart scan PATHS...`: scan is the default.
std::vector<std::string> withDefaultCommand(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  static const char *Explicit[] = {"scan",   "parse", "graph",     "checks",
                                   "--help", "-h",    "--version", "help"};
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
  App.require_subcommand(1);

  ScanArgs Scan;
  CLI::App *ScanCmd =
      App.add_subcommand("scan", "Scan files and directories (the default)");
  ScanCmd->add_option("paths", Scan.Paths,
                      "Files and directories to scan (default: .)");
  ScanCmd
      ->add_option("--exclude", Scan.Excludes,
                   "Skip paths matching this glob (repeatable)")
      ->allow_extra_args(false);
  ScanCmd->add_option("--format", Scan.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  ScanCmd
      ->add_option("--checks", Scan.Checks,
                   "Run only these checks (ids or globs, comma-separated: "
                   "AZ-STORAGE-*)")
      ->delimiter(',')
      ->allow_extra_args(false);
  ScanCmd
      ->add_option("--skip-checks", Scan.SkipChecks,
                   "Do not run these checks (ids or globs, comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  ScanCmd
      ->add_option("--severity", Scan.MinSeverity,
                   "Report findings of this severity and above")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  ScanCmd
      ->add_option("--fail-on", Scan.FailOn,
                   "Exit 1 on a finding of this severity or above")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  ScanCmd
      ->add_option("--policy-dir", Scan.PolicyDirs,
                   "Also run the YAML checks under this directory "
                   "(repeatable; checks/policy-format.md)")
      ->allow_extra_args(false);
  ScanCmd->add_flag("--strict", Scan.Strict,
                    "Also report results that depend on unknown values");
  ScanCmd->add_flag("-v,--verbose", Scan.Verbose,
                    "Say which files were skipped and why");
  ScanCmd->add_option("-j,--jobs", Scan.Jobs,
                      "Parallel jobs (default: one per core)");
  ScanCmd
      ->add_option("--max-file-size", Scan.MaxFileMegabytes,
                   "Report larger files instead of parsing them (MB)")
      ->check(CLI::PositiveNumber);

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
  GraphCmd->add_option("paths", Graph.Paths,
                       "Files and directories to evaluate (default: .)");
  GraphCmd->add_option("--format", Graph.Format, "Output format")
      ->check(CLI::IsMember({"json", "dot"}));
  GraphCmd
      ->add_option("--param", Graph.Params,
                   "Set a parameter: name=value, value as JSON or text "
                   "(repeatable)")
      ->allow_extra_args(false);
  GraphCmd
      ->add_option("--context", Graph.Context,
                   "Set deployment context: key=value, e.g. "
                   "resourceGroup().location=westeurope or "
                   "AWS::Region=eu-west-1 (repeatable)")
      ->allow_extra_args(false);
  GraphCmd->add_option(
      "--parameters", Graph.ParameterFile,
      "A parameter file for every template: ARM JSON, .bicepparam, or "
      "CloudFormation's [{ParameterKey, ParameterValue}] or "
      "{\"Parameters\": {..}} JSON");
  GraphCmd
      ->add_option("--var", Graph.Vars,
                   "Terraform: set a root variable (NAME=VALUE, "
                   "repeatable; last wins)")
      ->allow_extra_args(false);
  GraphCmd
      ->add_option("--var-file", Graph.VarFiles,
                   "Terraform: a .tfvars file, after the automatic ones "
                   "(repeatable)")
      ->allow_extra_args(false);
  GraphCmd->add_flag("--use-env", Graph.UseEnv,
                     "Terraform: read TF_VAR_name environment variables");
  GraphCmd->add_flag("--allow-outside-root", Graph.AllowOutsideRoot,
                     "Terraform: follow module sources and file() reads "
                     "outside the scanned path");
  GraphCmd->add_flag("-v,--verbose", Graph.Verbose,
                     "Say which files were skipped or not evaluated");

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
    return runScan(Scan);
  if (GraphCmd->parsed())
    return runGraph(Graph);
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
