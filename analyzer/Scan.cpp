//===- Scan.cpp - The one analysis entry point ----------------------------===//
#include "analyzer/Scan.h"

#include "analyzer/eval/Paths.h"
#include "analyzer/eval/arm/TemplateEvaluator.h"
#include "analyzer/eval/bicep/BicepEvaluator.h"
#include "analyzer/eval/cloudformation/StackEvaluator.h"
#include "analyzer/eval/terraform/TerraformEvaluator.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <atomic>
#include <map>
#include <unistd.h>

namespace rampart {

unsigned ScanResult::templateCount() const {
  unsigned N = 0;
  for (const workspace::LoadedFile &F : Files)
    N += F.Doc != nullptr;
  return N;
}

unsigned ScanResult::errorCount() const {
  unsigned N = 0;
  for (const workspace::LoadedFile &F : Files) {
    N += !F.ReadError.empty();
    if (F.Doc)
      for (const Diagnostic &D : F.Doc->diagnostics())
        N += D.Level == Severity::Error;
  }
  return N;
}

namespace {

/// Editor buffers not saved yet (in the overlay, not on disk) belong to the
/// directories scanned that hold them.
void addUnsavedFiles(const ScanOptions &Options, workspace::Discovery &Found) {
  if (!Options.Load.Overlay)
    return;
  for (const auto &Entry : *Options.Load.Overlay) {
    llvm::StringRef Path = Entry.getKey();
    if (llvm::sys::fs::exists(Path))
      continue;
    for (const std::string &Root : Options.Paths) {
      llvm::SmallString<256> Dir(Root);
      llvm::sys::fs::make_absolute(Dir);
      llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
      if (Path == Dir.str() || (llvm::sys::fs::is_directory(Dir) &&
                                Path.startswith((Dir + "/").str()))) {
        Found.Files.push_back(Path.str());
        break;
      }
    }
  }
  // A file named explicitly that only the overlay has is no error.
  llvm::erase_if(Found.Errors, [&](const workspace::SkippedPath &E) {
    return llvm::is_contained(Found.Files, E.Path);
  });
  llvm::sort(Found.Files);
  Found.Files.erase(std::unique(Found.Files.begin(), Found.Files.end()),
                    Found.Files.end());
}

} // namespace

ScanResult scanWorkspace(const ScanOptions &Options) {
  ScanResult Result;
  workspace::Discovery Found =
      workspace::discoverFiles(Options.Paths, Options.Discovery);
  addUnsavedFiles(Options, Found);
  Result.Paths = Options.Paths;
  Result.SkippedPaths = std::move(Found.Skipped);
  Result.PathErrors = std::move(Found.Errors);
  Result.PathWarnings = std::move(Found.Warnings);
  Result.Files.resize(Found.Files.size());

  // Files are independent until evaluation joins them into units; each task
  // writes only its own slot.
  llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
  std::atomic<size_t> Done = 0;
  for (size_t I = 0; I < Found.Files.size(); ++I)
    Pool.async([&, I] {
      Result.Files[I] = workspace::loadFile(Found.Files[I], Options.Load);
      size_t N = ++Done;
      if (Options.Progress)
        Options.Progress(N, Found.Files.size());
    });
  Pool.wait();
  return Result;
}

namespace {

/// What one unit is built from; the units are evaluated in parallel.
struct UnitPlan {
  const Document *Template = nullptr;
  const Document *Parameters = nullptr;
};

struct Workspace {
  llvm::StringMap<const Document *> ByPath; ///< normalised path
  std::vector<const workspace::LoadedFile *> Files;
  /// The Terraform templates of each directory (directoryOf), in the order
  /// of Files: what a module call reads. Indexed once, because scanning
  /// Files per call costs calls x files path normalisations.
  llvm::StringMap<std::vector<const Document *>> TerraformByDir;
};

std::string directoryOf(const Document &D);

Workspace indexFiles(const ScanResult &R) {
  Workspace W;
  for (const workspace::LoadedFile &F : R.Files)
    if (F.Doc) {
      W.ByPath[eval::normalizePath(F.Doc->file().path())] = &*F.Doc;
      W.Files.push_back(&F);
      if (F.Doc->dialect() == Dialect::Terraform &&
          F.Doc->role() == FileRole::Template)
        W.TerraformByDir[directoryOf(*F.Doc)].push_back(&*F.Doc);
    }
  return W;
}

/// X.json and X.bicep are deployed with X.parameters.json by convention.
const Document *conventionalParameters(const Workspace &W,
                                       llvm::StringRef Path) {
  llvm::StringRef Stem = Path;
  if (!Stem.consume_back_insensitive(".json") &&
      !Stem.consume_back_insensitive(".bicep"))
    return nullptr;
  auto It =
      W.ByPath.find(eval::normalizePath((Stem + ".parameters.json").str()));
  if (It == W.ByPath.end() || It->second->dialect() != Dialect::Arm ||
      It->second->role() != FileRole::Parameters)
    return nullptr;
  return It->second;
}

/// Files another file calls (as a module or nested template), keyed by
/// normalised path; Calls maps each caller to its callees. Those are not
/// deployed on their own. A cycle that no uncalled file reaches (a pair of
/// files calling each other) still gets one unit, from its first file, so
/// that the cycle is evaluated and reported instead of silently skipped.
llvm::StringSet<>
calledFiles(const llvm::StringMap<std::vector<std::string>> &Calls) {
  std::vector<std::string> Callers;
  llvm::StringSet<> CalledByAnother;
  for (const auto &Entry : Calls) {
    Callers.push_back(Entry.getKey().str());
    for (const std::string &C : Entry.getValue())
      if (C != Entry.getKey())
        CalledByAnother.insert(C);
  }
  llvm::sort(Callers);
  std::vector<std::string> Roots;
  for (const std::string &C : Callers)
    if (!CalledByAnother.count(C))
      Roots.push_back(C);
  llvm::StringSet<> Reached, Called;
  auto Reach = [&](const std::string &Root) {
    std::vector<std::string> Pending{Root};
    while (!Pending.empty()) {
      std::string File = std::move(Pending.back());
      Pending.pop_back();
      if (!Reached.insert(File).second)
        continue;
      if (auto It = Calls.find(File); It != Calls.end())
        for (const std::string &C : It->second) {
          Called.insert(C);
          Pending.push_back(C);
        }
    }
  };
  for (const std::string &R : Roots)
    Reach(R);
  for (const std::string &C : Callers)
    if (!Reached.count(C)) {
      Roots.push_back(C);
      Reach(C);
    }
  for (const std::string &R : Roots)
    Called.erase(R);
  return Called;
}

// A Bicep file used as a module by another is not deployed on its own; a
// template with .bicepparam files is deployed once per parameter file.
std::vector<UnitPlan> planUnits(const Workspace &W, const UnitOptions &O) {
  llvm::StringMap<std::vector<std::string>> Calls;
  llvm::StringMap<std::vector<const Document *>> ParamFilesOf;
  for (const workspace::LoadedFile *F : W.Files) {
    const Document &D = *F->Doc;
    if (D.dialect() != Dialect::Bicep)
      continue;
    if (D.role() == FileRole::Template) {
      std::vector<std::string> &Callees =
          Calls[eval::normalizePath(D.file().path())];
      for (const std::string &M : eval::bicep::localModulePaths(D))
        Callees.push_back(eval::normalizePath(M));
    } else if (std::string Using = eval::bicep::usingPath(D); !Using.empty())
      ParamFilesOf[eval::normalizePath(Using)].push_back(&D);
  }
  llvm::StringSet<> Modules = calledFiles(Calls);
  std::vector<UnitPlan> Plans;
  for (const workspace::LoadedFile *F : W.Files) {
    const Document &D = *F->Doc;
    if (D.role() != FileRole::Template ||
        (D.dialect() != Dialect::Arm && D.dialect() != Dialect::Bicep))
      continue;
    std::string Path = eval::normalizePath(D.file().path());
    if (O.ParameterFile) {
      Plans.push_back({&D, O.ParameterFile});
      continue;
    }
    auto Params = ParamFilesOf.find(Path);
    if (Params != ParamFilesOf.end()) {
      for (const Document *P : Params->second)
        Plans.push_back({&D, P});
      continue;
    }
    if (D.dialect() == Dialect::Bicep && Modules.count(Path))
      continue;
    Plans.push_back({&D, conventionalParameters(W, D.file().path())});
  }
  return Plans;
}

using ExtraFiles =
    std::shared_ptr<std::vector<std::unique_ptr<workspace::LoadedFile>>>;

/// The files a unit read beyond the scan (modules, nested templates): their
/// parse diagnostics join the unit's, and the unit keeps them alive.
void keepExtraFiles(model::DeploymentUnit &U, ExtraFiles Extra) {
  for (const auto &F : *Extra)
    for (const Diagnostic &D : F->Doc->diagnostics())
      U.Diagnostics.push_back({F->Path, D});
  if (!Extra->empty())
    U.OwnedSources.push_back(std::move(Extra));
}

/// Loads Bicep modules and nested CloudFormation templates: from the scan
/// when it read them, else from disk into Extra (which the unit then keeps).
template <typename Loaded>
std::function<Loaded(const std::string &)> moduleLoader(
    const Workspace &W, const workspace::LoadOptions &Load,
    std::shared_ptr<std::vector<std::unique_ptr<workspace::LoadedFile>>>
        Extra) {
  return [&W, &Load, Extra](const std::string &Path) {
    Loaded M;
    std::string Key = eval::normalizePath(Path);
    if (auto It = W.ByPath.find(Key); It != W.ByPath.end()) {
      M.Doc = It->second;
      return M;
    }
    for (const auto &F : *Extra)
      if (F->Doc && eval::normalizePath(F->Path) == Key) {
        M.Doc = &*F->Doc;
        return M;
      }
    auto F = std::make_unique<workspace::LoadedFile>(
        workspace::loadFile(Path, Load));
    if (!F->Doc) {
      M.Error = F->ReadError.empty() ? "'" + Path + "' is not a template"
                                     : F->ReadError;
      return M;
    }
    M.Doc = &*F->Doc;
    Extra->push_back(std::move(F));
    return M;
  };
}

/// Bicep's load*Content() reads files next to the template: regular files
/// only (never a FIFO or a device), within the size limit of templates.
eval::bicep::ReadResult readFile(const std::string &Path) {
  eval::bicep::ReadResult R;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) ||
      Status.type() != llvm::sys::fs::file_type::regular_file) {
    R.Error = "'" + Path + "' is not a readable file";
    return R;
  }
  if (Status.getSize() > workspace::LoadOptions().MaxFileBytes) {
    R.Error = "'" + Path + "' is too large to read";
    return R;
  }
  auto Source = SourceFile::open(Path);
  if (!Source) {
    R.Error = llvm::toString(Source.takeError());
    return R;
  }
  R.File = std::move(*Source);
  return R;
}

/// A Terraform root module: a directory's .tf files and its variable files.
struct TerraformPlan {
  std::string Dir;
  std::vector<const Document *> Files;
  std::vector<const Document *> VarFiles;
};

/// The directory of a file; "." for a file named without one, so a unit's
/// root is never empty.
std::string directoryOf(const Document &D) {
  std::string Dir =
      eval::normalizePath(llvm::sys::path::parent_path(D.file().path()));
  return Dir.empty() ? "." : Dir;
}

/// terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in
/// lexical order: the order Terraform reads them in.
int varFileRank(llvm::StringRef Name) {
  if (Name == "terraform.tfvars")
    return 0;
  if (Name == "terraform.tfvars.json")
    return 1;
  if (Name.endswith(".auto.tfvars") || Name.endswith(".auto.tfvars.json"))
    return 2;
  return -1; // other .tfvars files are used only through --var-file
}

std::vector<TerraformPlan> planTerraform(const Workspace &W) {
  std::map<std::string, TerraformPlan> ByDir;
  for (const workspace::LoadedFile *F : W.Files) {
    const Document &D = *F->Doc;
    if (D.dialect() != Dialect::Terraform)
      continue;
    TerraformPlan &P = ByDir[directoryOf(D)];
    P.Dir = directoryOf(D);
    if (D.role() == FileRole::Template)
      P.Files.push_back(&D);
    else if (varFileRank(llvm::sys::path::filename(D.file().path())) >= 0)
      P.VarFiles.push_back(&D);
  }
  llvm::StringSet<> Called;
  for (const auto &[Dir, P] : ByDir)
    for (const std::string &M : eval::terraform::localModuleDirs(P.Files, Dir))
      if (M != Dir)
        Called.insert(M);
  std::vector<TerraformPlan> Roots;
  for (auto &[Dir, P] : ByDir) {
    if (P.Files.empty() || Called.count(Dir))
      continue;
    llvm::stable_sort(P.VarFiles, [](const Document *A, const Document *B) {
      llvm::StringRef NA = llvm::sys::path::filename(A->file().path());
      llvm::StringRef NB = llvm::sys::path::filename(B->file().path());
      return std::make_pair(varFileRank(NA), NA) <
             std::make_pair(varFileRank(NB), NB);
    });
    Roots.push_back(std::move(P));
  }
  return Roots;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  return eval::normalizePath(P);
}

/// The scanned path a directory is under (the first that holds it).
std::string scanRootOf(const ScanResult &R, llvm::StringRef Dir) {
  std::string Abs = absolutePath(Dir);
  for (const std::string &P : R.Paths) {
    std::string Root = absolutePath(P);
    if (llvm::sys::fs::is_regular_file(Root))
      Root = eval::normalizePath(llvm::sys::path::parent_path(Root));
    if (Abs == Root || llvm::StringRef(Abs).startswith(Root + "/"))
      return Root;
  }
  return Abs;
}

/// Where a unit's templates may make the scan read: under the scanned
/// path, links resolved (a link inside pointing out is out), unless
/// --allow-outside-root. A template must not make Rampart read what the
/// user did not point it at, such as a secret next to the repository.
struct ReadBoundary {
  std::string RealRoot; ///< empty: anywhere

  /// "" when Path may be read, else why not. A path that does not resolve
  /// is left to the reader, which says so.
  std::string refuse(llvm::StringRef Path) const {
    llvm::SmallString<256> Real;
    if (RealRoot.empty() || llvm::sys::fs::real_path(Path, Real) ||
        workspace::isWithin(Real, RealRoot))
      return "";
    return "'" + Path.str() +
           "' is outside the scanned directory (see --allow-outside-root)";
  }

  /// Read, refusing what lies outside.
  template <typename Result>
  std::function<Result(const std::string &)>
  guard(std::function<Result(const std::string &)> Read) const {
    return [Boundary = *this, Read = std::move(Read)](const std::string &P) {
      if (std::string Why = Boundary.refuse(P); !Why.empty()) {
        Result R;
        R.Error = std::move(Why);
        return R;
      }
      return Read(P);
    };
  }
};

ReadBoundary boundaryOf(const ScanResult &R, llvm::StringRef Dir,
                        bool AllowOutsideRoot) {
  ReadBoundary B;
  llvm::SmallString<256> Real;
  if (!AllowOutsideRoot && !llvm::sys::fs::real_path(scanRootOf(R, Dir), Real))
    B.RealRoot = Real.str().str();
  return B;
}

/// A module directory's .tf files: from the scan when it read them, else
/// from disk into Extra.
eval::terraform::DirectoryLoader directoryLoader(
    const Workspace &W, const workspace::LoadOptions &Load,
    std::shared_ptr<std::vector<std::unique_ptr<workspace::LoadedFile>>>
        Extra) {
  return [&W, &Load, Extra](const std::string &Dir) {
    eval::terraform::ModuleFiles M;
    std::string Key = eval::normalizePath(Dir);
    if (auto It = W.TerraformByDir.find(Key); It != W.TerraformByDir.end())
      M.Files = It->second;
    if (!M.Files.empty())
      return M;
    for (const auto &F : *Extra)
      if (F->Doc && directoryOf(*F->Doc) == Key)
        M.Files.push_back(&*F->Doc);
    if (!M.Files.empty())
      return M;
    std::error_code EC;
    std::vector<std::string> Paths;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC)) {
      llvm::StringRef P = It->path();
      if ((P.endswith(".tf") || P.endswith(".tf.json")) &&
          It->type() == llvm::sys::fs::file_type::regular_file)
        Paths.push_back(P.str());
    }
    if (EC) {
      M.Error = "cannot read '" + Dir + "': " + EC.message();
      return M;
    }
    llvm::sort(Paths);
    for (const std::string &P : Paths) {
      auto F =
          std::make_unique<workspace::LoadedFile>(workspace::loadFile(P, Load));
      if (!F->Doc)
        continue;
      M.Files.push_back(&*F->Doc);
      Extra->push_back(std::move(F));
    }
    return M;
  };
}

eval::terraform::FileText readText(const std::string &Path) {
  eval::terraform::FileText T;
  eval::bicep::ReadResult R = readFile(Path);
  if (R.File)
    T.Text = R.File->text().str();
  else
    T.Error = R.Error;
  return T;
}

/// TF_VAR_name=value from the environment.
std::vector<std::pair<std::string, std::string>> environmentVariables() {
  std::vector<std::pair<std::string, std::string>> Out;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef Entry(*E);
    if (!Entry.consume_front("TF_VAR_"))
      continue;
    auto [Name, Value] = Entry.split('=');
    Out.emplace_back(Name.str(), Value.str());
  }
  return Out;
}

} // namespace

/// CloudFormation stacks: every template that no other scanned template
/// includes as a local nested stack.
std::vector<const Document *> planCloudFormation(const Workspace &W) {
  llvm::StringMap<std::vector<std::string>> Calls;
  std::vector<const Document *> Templates;
  for (const workspace::LoadedFile *F : W.Files)
    if (F->Doc->dialect() == Dialect::CloudFormation &&
        F->Doc->role() == FileRole::Template) {
      Templates.push_back(&*F->Doc);
      std::vector<std::string> &Callees =
          Calls[eval::normalizePath(F->Doc->file().path())];
      for (const std::string &P :
           eval::cloudformation::localNestedTemplates(*F->Doc))
        Callees.push_back(eval::normalizePath(P));
    }
  llvm::StringSet<> Nested = calledFiles(Calls);
  std::vector<const Document *> Roots;
  for (const Document *D : Templates)
    if (!Nested.count(eval::normalizePath(D->file().path())))
      Roots.push_back(D);
  return Roots;
}

std::vector<model::DeploymentUnit> buildUnits(const ScanResult &R,
                                              const UnitOptions &Options) {
  Workspace W = indexFiles(R);
  std::vector<UnitPlan> Plans = planUnits(W, Options);
  std::vector<model::DeploymentUnit> Units(Plans.size());
  llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
  for (size_t I = 0; I < Plans.size(); ++I)
    Pool.async([&, I] {
      const UnitPlan &P = Plans[I];
      if (P.Template->dialect() == Dialect::Arm) {
        eval::arm::TemplateInputs In;
        In.Template = P.Template;
        In.Parameters = P.Parameters;
        In.ParamOverrides = Options.Params;
        In.Context = Options.Context;
        Units[I] = eval::arm::evaluateTemplate(In);
        return;
      }
      auto Extra = std::make_shared<
          std::vector<std::unique_ptr<workspace::LoadedFile>>>();
      eval::bicep::BicepInputs In;
      In.Template = P.Template;
      In.Parameters = P.Parameters;
      In.ParamOverrides = Options.Params;
      In.Context = Options.Context;
      ReadBoundary Boundary =
          boundaryOf(R, directoryOf(*P.Template), Options.AllowOutsideRoot);
      In.LoadModule = Boundary.guard<eval::bicep::ModuleFile>(
          moduleLoader<eval::bicep::ModuleFile>(W, Options.Load, Extra));
      In.ReadFile = Boundary.guard<eval::bicep::ReadResult>(readFile);
      Units[I] = eval::bicep::evaluateBicep(In);
      keepExtraFiles(Units[I], std::move(Extra));
    });
  Pool.wait();
  std::vector<TerraformPlan> Roots = planTerraform(W);
  size_t First = Units.size();
  Units.resize(First + Roots.size());
  auto Env = Options.UseEnv
                 ? environmentVariables()
                 : std::vector<std::pair<std::string, std::string>>{};
  for (size_t I = 0; I < Roots.size(); ++I)
    Pool.async([&, I] {
      auto Extra = std::make_shared<
          std::vector<std::unique_ptr<workspace::LoadedFile>>>();
      eval::terraform::TerraformInputs In;
      In.RootDir = Roots[I].Dir;
      In.Files = Roots[I].Files;
      In.VarFiles = Roots[I].VarFiles;
      llvm::append_range(In.VarFiles, Options.VarFiles);
      In.Vars = Options.Vars;
      In.EnvVars = Env;
      ReadBoundary Boundary =
          boundaryOf(R, Roots[I].Dir, Options.AllowOutsideRoot);
      In.LoadDirectory = Boundary.guard<eval::terraform::ModuleFiles>(
          directoryLoader(W, Options.Load, Extra));
      In.ReadFile = Boundary.guard<eval::terraform::FileText>(readText);
      In.ScanRoot = scanRootOf(R, Roots[I].Dir);
      In.AllowOutsideRoot = Options.AllowOutsideRoot;
      model::DeploymentUnit &U = Units[First + I];
      U = eval::terraform::evaluateTerraform(In);
      keepExtraFiles(U, std::move(Extra));
    });
  Pool.wait();
  std::vector<const Document *> Stacks = planCloudFormation(W);
  First = Units.size();
  Units.resize(First + Stacks.size());
  for (size_t I = 0; I < Stacks.size(); ++I)
    Pool.async([&, I] {
      auto Extra = std::make_shared<
          std::vector<std::unique_ptr<workspace::LoadedFile>>>();
      eval::cloudformation::StackInputs In;
      In.Template = Stacks[I];
      if (Options.ParameterFile &&
          eval::cloudformation::isStackParameterFile(*Options.ParameterFile))
        In.Parameters = Options.ParameterFile;
      In.ParamOverrides = Options.Params;
      In.Context = Options.Context;
      In.LoadTemplate =
          boundaryOf(R, directoryOf(*Stacks[I]), Options.AllowOutsideRoot)
              .guard<eval::cloudformation::LoadedTemplate>(
                  moduleLoader<eval::cloudformation::LoadedTemplate>(
                      W, Options.Load, Extra));
      In.ScanRoot = scanRootOf(R, directoryOf(*Stacks[I]));
      In.AllowOutsideRoot = Options.AllowOutsideRoot;
      model::DeploymentUnit &U = Units[First + I];
      U = eval::cloudformation::evaluateStack(In);
      keepExtraFiles(U, std::move(Extra));
    });
  Pool.wait();
  for (model::DeploymentUnit &U : Units)
    if (size_t N = U.Graph.droppedEdges())
      U.Diagnostics.push_back(
          {U.Root,
           {Severity::Warning,
            std::to_string(N) +
                " edges were not recorded: the unit has more "
                "than " +
                std::to_string(model::ResourceGraph::MaxEdges),
            {}}});
  return Units;
}

} // namespace rampart
