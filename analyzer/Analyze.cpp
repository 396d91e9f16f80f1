//===- Analyze.cpp - Scan, evaluate, check and assess, in one call --------===//
#include "analyzer/Analyze.h"

#include "analyzer/check/Environment.h"
#include "analyzer/exposure/AttackPaths.h"
#include "analyzer/exposure/PathFindings.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <optional>
#include <set>
#include <tuple>

namespace rampart {

namespace {

/// A file excluded by its scope's `exclude:` stays listed (so --verbose can
/// say why) but is not read as a template.
void dropExcluded(ScanResult &R, posture::Scopes &S) {
  for (workspace::LoadedFile &F : R.Files)
    if (F.Doc && S.forPath(F.Path).excludes(F.Path)) {
      F.Doc.reset();
      F.SkipReason = "excluded by " + S.forPath(F.Path).Exclude.From;
    }
}

/// Loads a parameter or variable file named by config or a flag.
const Document *loadInput(const std::string &Path, Dialect D, FileRole Role,
                          Analysis &A) {
  auto Source = SourceFile::open(Path);
  if (!Source) {
    A.UsageErrors.push_back(llvm::toString(Source.takeError()));
    return nullptr;
  }
  workspace::LoadedFile F;
  F.Path = Path;
  F.Doc =
      std::make_shared<const Document>(workspace::parseAs(**Source, {D, Role}));
  F.Source = std::move(*Source);
  A.InputFiles.push_back(std::move(F));
  return &*A.InputFiles.back().Doc;
}

void readAssignments(const posture::SourcedMap<std::string> &In,
                     std::vector<std::pair<std::string, std::string>> &Out) {
  for (const auto &[Name, Value] : In)
    Out.push_back({Name, Value.Value});
}

UnitOptions unitOptions(const AnalyzeOptions &O, const posture::Config &Run,
                        Analysis &A) {
  UnitOptions U;
  U.Load = O.Scan.Load;
  U.Jobs = O.Scan.Jobs;
  U.UseEnv = O.UseEnv;
  U.AllowOutsideRoot = O.AllowOutsideRoot;
  readAssignments(Run.Params, U.Params);
  readAssignments(Run.Context, U.Context);
  readAssignments(Run.Vars, U.Vars);
  // Loaded before any pointer into InputFiles is taken: it must not grow
  // after.
  A.InputFiles.reserve(Run.VarFiles.Value.size() + 1);
  if (const std::optional<std::string> &P = Run.ParameterFile.Value) {
    Dialect D = llvm::StringRef(*P).endswith(".bicepparam") ? Dialect::Bicep
                                                            : Dialect::Arm;
    U.ParameterFile = loadInput(*P, D, FileRole::Parameters, A);
  }
  for (const std::string &Path : Run.VarFiles.Value)
    if (const Document *D =
            loadInput(Path, Dialect::Terraform, FileRole::Variables, A))
      U.VarFiles.push_back(D);
  return U;
}

/// The change set of --files or --changed-since, if either was given.
std::optional<posture::ChangeSet> changesOf(const AnalyzeOptions &O,
                                            Analysis &A) {
  if (O.OnlyFiles)
    return posture::ChangeSet(*O.OnlyFiles);
  if (!O.ChangedSince)
    return std::nullopt;
  std::string Dir = O.Scan.Paths.empty() ? "." : O.Scan.Paths.front();
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir).str();
  auto Files =
      posture::changedFilesSince(*O.ChangedSince, Dir.empty() ? "." : Dir);
  if (!Files) {
    A.UsageErrors.push_back(llvm::toString(Files.takeError()));
    return posture::ChangeSet({});
  }
  return posture::ChangeSet(*Files);
}

model::Value factValue(const nlohmann::ordered_json &J) {
  if (J.is_boolean())
    return model::Value::boolean(J.get<bool>());
  if (J.is_number_integer())
    return model::Value::integer(J.get<int64_t>());
  if (J.is_number())
    return model::Value::floating(J.get<double>());
  if (J.is_string())
    return model::Value::string(J.get<std::string>());
  return model::Value::unknown("the environment fact is not a scalar");
}

/// Gives each unit the `environment:` facts of its scope.
void addEnvironment(std::vector<model::DeploymentUnit> &Units,
                    posture::Scopes &S) {
  for (model::DeploymentUnit &U : Units) {
    const posture::Config &Scope = S.forPath(U.Root);
    if (Scope.Environment.empty() || U.Graph.find(check::EnvironmentType))
      continue;
    std::vector<std::pair<std::string, model::Value>> Facts;
    for (const auto &[Key, Fact] : Scope.Environment)
      Facts.push_back({Key, factValue(Fact.Value)});
    U.Graph.add(check::environmentResource(std::move(Facts)));
  }
}

report::Summary summarize(const Analysis &A) {
  report::Summary S;
  S.Files = A.Scan.templateCount();
  for (const workspace::LoadedFile &F : A.Scan.Files)
    if (F.Doc)
      ++S.ByDialect[dialectName(F.Doc->dialect()).str()];
  for (const model::DeploymentUnit &U : A.Units)
    S.Resources += U.Graph.resources().size() -
                   (U.Graph.find(check::EnvironmentType) ? 1 : 0);
  S.Units = A.Units.size();
  return S;
}

/// A diff-aware run reports the diagnostics of the changed files and of
/// what it assessed, not a broken file elsewhere in the repository.
bool counts(llvm::StringRef File, const posture::ChangeSet *Changes,
            const posture::Posture &P) {
  return !Changes || Changes->containsFile(File) ||
         P.AssessedFiles.count(File.str());
}

std::vector<report::ReportDiagnostic>
diagnosticsOf(const Analysis &A, const posture::ChangeSet *Changes) {
  std::vector<report::ReportDiagnostic> Out;
  for (const workspace::LoadedFile &F : A.Scan.Files) {
    if (!counts(F.Path, Changes, A.Posture))
      continue;
    if (!F.ReadError.empty())
      Out.push_back({F.Path, {Severity::Error, F.ReadError, {}}, nullptr});
    if (F.Doc)
      for (const Diagnostic &D : F.Doc->diagnostics())
        Out.push_back({F.Path, D, F.Source.get()});
  }
  for (const workspace::LoadedFile &F : A.InputFiles)
    for (const Diagnostic &D : F.Doc->diagnostics())
      Out.push_back({F.Path, D, F.Source.get()});
  for (const workspace::SkippedPath &W : A.Scan.PathWarnings)
    Out.push_back({W.Path, {Severity::Warning, W.Reason, {}}, nullptr});
  auto SourceOf = [&](llvm::StringRef Path) -> const SourceFile * {
    for (const workspace::LoadedFile &F : A.Scan.Files)
      if (F.Path == Path)
        return F.Source.get();
    return nullptr;
  };
  for (const posture::PostureWarning &W : A.Posture.Warnings)
    Out.push_back({W.File, W.D, SourceOf(W.File)});
  return Out;
}

/// The scan's files, and those outside it that declare resources the
/// results are about (read again: their suppressions count too).
std::vector<const workspace::LoadedFile *>
filesWithSuppressions(const std::vector<check::Result> &Results,
                      const workspace::LoadOptions &Load, Analysis &A) {
  // Compared by real path: a module's path is spelled as its caller wrote
  // it. A real path costs system calls per component, so the scan's files
  // are resolved only once a result is declared in a file the scan did not
  // read itself (its Source is the declaration's file, with the same path).
  std::set<const SourceFile *> Scanned;
  for (const workspace::LoadedFile &F : A.Scan.Files)
    Scanned.insert(F.Source.get());
  std::optional<std::set<std::string>> Known;
  std::set<const SourceFile *> Seen;
  for (const check::Result &R : Results)
    if (R.Resource && R.Resource->Declaration.hasFile() &&
        !Scanned.count(R.Resource->Declaration.File) &&
        Seen.insert(R.Resource->Declaration.File).second) {
      if (!Known) {
        Known.emplace();
        for (const workspace::LoadedFile &F : A.Scan.Files)
          Known->insert(posture::canonicalPath(F.Path));
      }
      llvm::StringRef Path = R.Resource->Declaration.File->path();
      if (Known->insert(posture::canonicalPath(Path)).second)
        A.ModuleFiles.push_back(workspace::loadFile(Path, Load));
    }
  std::vector<const workspace::LoadedFile *> Out;
  for (const workspace::LoadedFile &F : A.Scan.Files)
    Out.push_back(&F);
  for (const workspace::LoadedFile &F : A.ModuleFiles)
    Out.push_back(&F);
  return Out;
}

/// The checks some scope enabled: what SARIF's rules and JUnit's suites
/// list. A check that assessed nothing still ran if its scope enabled it.
std::vector<const check::Check *>
checksThatRan(const AnalyzeOptions &O, const Analysis &A, posture::Scopes &S) {
  std::set<const check::Check *> WithResults;
  for (const check::Result &R : A.Posture.Results)
    WithResults.insert(R.TheCheck);
  const posture::Config &Run =
      S.forPath(O.Scan.Paths.empty() ? "." : O.Scan.Paths.front());
  std::vector<const check::Check *> Out;
  for (const check::Check *C : O.Checks)
    if (WithResults.count(C) || Run.checkEnabled(C->Id))
      Out.push_back(C);
  return Out;
}

/// Plans the fix of every finding that has one, in the files the run
/// parsed: a module outside the scanned paths is not edited.
void planFixes(std::vector<posture::Finding> &Findings, const Analysis &A,
               const fix::PlanOptions &Options) {
  fix::DocumentLookup Lookup = fix::lookupIn({&A.Scan.Files, &A.InputFiles});
  for (posture::Finding &F : Findings)
    F.Fix = fix::planFix(F.Result, Lookup, Options);
}

/// The attack paths of the units (catalog §4) as findings of their own
/// kind, after the checks: they take suppressions, the baseline and the
/// config as any finding does, but never enter the secure score, which
/// posture computed before.
void addPathFindings(const AnalyzeOptions &O, const posture::PostureOptions &PO,
                     posture::Scopes &S, Analysis &A) {
  exposure::PathFindings Paths =
      exposure::assessPaths(A.Units, O.Checks, S, PO, A.Posture.Suppressions);
  report::Report &R = A.Report;
  for (posture::Finding &F : Paths.Findings)
    R.Findings.push_back(std::move(F));
  for (check::Result &U : Paths.Unknown)
    R.Unknown.push_back(std::move(U));
  R.Checks.insert(R.Checks.end(), Paths.Ran.begin(), Paths.Ran.end());
  A.Posture.Fails |= Paths.Fails;
  // Posture judged the same suppressions for the checks: say each problem
  // once.
  std::set<std::tuple<std::string, uint32_t, std::string>> Seen;
  for (const posture::PostureWarning &W : A.Posture.Warnings)
    Seen.insert({W.File, W.D.Range.Start.Offset, W.D.Message});
  for (posture::PostureWarning &W : Paths.Warnings)
    if (Seen.insert({W.File, W.D.Range.Start.Offset, W.D.Message}).second)
      A.Posture.Warnings.push_back(std::move(W));
}

} // namespace

namespace {

/// Scans, evaluates the units, and keeps those Changes touches.
std::unique_ptr<Analysis>
evaluateUnits(const AnalyzeOptions &O, posture::Scopes &S,
              const std::optional<posture::ChangeSet> &Changes,
              std::unique_ptr<Analysis> A) {
  if (O.OnPhase)
    O.OnPhase("evaluating templates");
  const posture::Config &Run =
      S.forPath(O.Scan.Paths.empty() ? "." : O.Scan.Paths.front());
  A->Units = buildUnits(A->Scan, unitOptions(O, Run, *A));
  // Units the change does not touch are not assessed at all, so the score
  // is the score of what the change can move.
  if (Changes)
    llvm::erase_if(A->Units, [&](const model::DeploymentUnit &U) {
      return !Changes->touches(U);
    });
  addEnvironment(A->Units, S);
  return A;
}

std::unique_ptr<Analysis> scanned(const AnalyzeOptions &O, posture::Scopes &S) {
  auto A = std::make_unique<Analysis>();
  if (O.OnPhase)
    O.OnPhase("reading files");
  A->Scan = scanWorkspace(O.Scan);
  for (const workspace::SkippedPath &E : A->Scan.PathErrors)
    A->UsageErrors.push_back(E.Path + ": " + E.Reason);
  dropExcluded(A->Scan, S);
  return A;
}

} // namespace

std::unique_ptr<Analysis> evaluate(const AnalyzeOptions &O,
                                   posture::Scopes &S) {
  return evaluateUnits(O, S, std::nullopt, scanned(O, S));
}

namespace {
/// Whether the caller wants the analysis stopped; marks it so.
bool stopped(const AnalyzeOptions &O, Analysis &A) {
  if (O.Cancelled && O.Cancelled())
    A.Cancelled = true;
  return A.Cancelled;
}
} // namespace

std::unique_ptr<Analysis> analyze(const AnalyzeOptions &O, posture::Scopes &S) {
  std::unique_ptr<Analysis> A = scanned(O, S);
  if (stopped(O, *A))
    return A;
  std::optional<posture::ChangeSet> Changes = changesOf(O, *A);
  A = evaluateUnits(O, S, Changes, std::move(A));
  if (stopped(O, *A))
    return A;
  if (O.OnPhase)
    O.OnPhase("checking " + std::to_string(A->Units.size()) +
              " deployment units");
  std::vector<check::Result> Results =
      check::Engine(O.Checks).run(A->Units, O.Scan.Jobs);
  posture::PostureOptions PO = O.Posture;
  PO.Changes = Changes ? &*Changes : nullptr;
  PO.KnownChecks = O.Checks;
  // `rampart:ignore AZ-PATH-001` names a path: no "names no check" warning.
  PO.KnownChecks.insert(PO.KnownChecks.end(), exposure::pathChecks().begin(),
                        exposure::pathChecks().end());
  std::vector<const workspace::LoadedFile *> Files =
      filesWithSuppressions(Results, O.Scan.Load, *A);
  if (stopped(O, *A))
    return A;
  if (O.OnPhase)
    O.OnPhase("assessing posture");
  A->Posture = posture::assess(Files, A->Units, std::move(Results), S, PO);

  report::Report &R = A->Report;
  R.Checks = checksThatRan(O, *A, S);
  // The report is what the posture step produced for: it takes them over.
  R.Findings = std::move(A->Posture.Findings);
  if (O.OnPhase)
    O.OnPhase("planning fixes");
  planFixes(R.Findings, *A, O.Fixes);
  R.Unknown = std::move(A->Posture.Unknown);
  if (O.OnPhase)
    O.OnPhase("finding attack paths");
  addPathFindings(O, PO, S, *A);
  R.Score = std::move(A->Posture.Score);
  R.Diagnostics = diagnosticsOf(*A, PO.Changes);
  R.Totals = summarize(*A);
  R.BaselineGiven = O.Posture.TheBaseline != nullptr;
  return A;
}

} // namespace rampart
