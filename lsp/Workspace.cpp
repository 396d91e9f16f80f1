//===- Workspace.cpp - Open documents and their analyses ------------------===//
#include "lsp/Workspace.h"

#include "checks/Registry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace rampart::lsp {

namespace {

bool isTerraform(llvm::StringRef Path) {
  return Path.endswith(".tf") || Path.endswith(".tf.json") ||
         Path.endswith(".tfvars") || Path.endswith(".tfvars.json");
}

/// Files beside a template that may be its parameters, its modules or
/// other templates (a .bicepparam naming it, X.parameters.json).
bool mayBelongTogether(llvm::StringRef Name) {
  return Name.endswith(".bicep") || Name.endswith(".bicepparam") ||
         Name.endswith(".json") || Name.endswith(".jsonc") ||
         Name.endswith(".yaml") || Name.endswith(".yml") ||
         Name.endswith(".template");
}

} // namespace

Settings settingsFrom(const nlohmann::json &J) {
  Settings S;
  if (!J.is_object())
    return S;
  if (J.contains("strict") && J["strict"].is_boolean())
    S.Strict = J["strict"].get<bool>();
  if (J.contains("minimumSeverity") && J["minimumSeverity"].is_string())
    S.MinimumSeverity =
        check::levelNamed(J["minimumSeverity"].get<std::string>());
  if (J.contains("parameterFiles") && J["parameterFiles"].is_array())
    for (const nlohmann::json &F : J["parameterFiles"])
      if (F.is_string())
        S.ParameterFiles.push_back(F.get<std::string>());
  if (J.contains("debounceMs") && J["debounceMs"].is_number_integer())
    S.DebounceMs = unsigned(std::clamp<int64_t>(J["debounceMs"], 0, 5000));
  return S;
}

void Workspace::configure(Settings S) {
  std::lock_guard<std::mutex> L(Lock);
  Configured = std::move(S);
}

const workspace::LoadedFile *Snapshot::file(llvm::StringRef Path) const {
  for (const std::vector<workspace::LoadedFile> *Files :
       {&Result->Scan.Files, &Result->ModuleFiles, &Result->InputFiles})
    for (const workspace::LoadedFile &F : *Files)
      if (F.Path == Path)
        return &F;
  return nullptr;
}

void Workspace::open(const std::string &Path, std::string Text,
                     int64_t Version) {
  std::lock_guard<std::mutex> L(Lock);
  Documents[Path] = {std::move(Text), Version};
}

void Workspace::change(const std::string &Path, std::string Text,
                       int64_t Version) {
  open(Path, std::move(Text), Version);
}

void Workspace::close(const std::string &Path) {
  std::lock_guard<std::mutex> L(Lock);
  Documents.erase(Path);
}

std::optional<std::pair<std::string, int64_t>>
Workspace::document(const std::string &Path) const {
  std::lock_guard<std::mutex> L(Lock);
  auto It = Documents.find(Path);
  if (It == Documents.end())
    return std::nullopt;
  return std::make_pair(It->second.Text, It->second.Version);
}

std::vector<std::string> Workspace::openPaths() const {
  std::lock_guard<std::mutex> L(Lock);
  std::vector<std::string> Out;
  for (const auto &[Path, D] : Documents)
    Out.push_back(Path);
  return Out;
}

std::string Workspace::scopeOf(const std::string &Path) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  if (isTerraform(Path))
    return Dir.str();
  // A template is analysed with the files beside it, so an edit of its
  // parameter file (or of a module it uses there) reaches it.
  return Dir.str() + "/";
}

std::vector<std::string> scopePaths(const std::string &Scope) {
  // A Terraform module is its directory's own files; the modules it calls
  // are read through its module blocks, and the directories below that it
  // does not call (examples, tests) are other scopes.
  bool Terraform = !llvm::StringRef(Scope).endswith("/");
  llvm::StringRef Dir = llvm::StringRef(Scope).rtrim('/');
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC;
       I.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(I->path());
    if (I->type() == llvm::sys::fs::file_type::regular_file &&
        (Terraform ? isTerraform(Name) : mayBelongTogether(Name)))
      Out.push_back(I->path());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

Settings Workspace::settings() const {
  std::lock_guard<std::mutex> L(Lock);
  return Configured;
}

std::shared_ptr<Snapshot>
Workspace::analyze(const std::string &Scope,
                   std::function<bool()> Cancelled) const {
  auto S = std::make_shared<Snapshot>();
  S->Scope = Scope;
  auto Overlay = std::make_shared<llvm::StringMap<std::string>>();
  Settings Use;
  {
    std::lock_guard<std::mutex> L(Lock);
    Use = Configured;
    for (const auto &[Path, D] : Documents) {
      (*Overlay)[Path] = D.Text;
      S->Versions[Path] = D.Version;
    }
  }
  S->Resolver = std::make_unique<posture::ConfigResolver>();
  posture::ConfigOverrides Overrides;
  Overrides.SeverityThreshold = Use.MinimumSeverity;
  for (const std::string &F : Use.ParameterFiles) {
    if (llvm::StringRef(F).endswith(".tfvars") ||
        llvm::StringRef(F).endswith(".tfvars.json")) {
      if (!Overrides.VarFiles)
        Overrides.VarFiles.emplace();
      Overrides.VarFiles->push_back(F);
    } else if (!Overrides.ParameterFile) {
      Overrides.ParameterFile = F;
    }
  }
  S->Scopes = std::make_unique<posture::Scopes>(*S->Resolver, Overrides);
  AnalyzeOptions O;
  O.Cancelled = std::move(Cancelled);
  O.Posture.Strict = Use.Strict;
  O.Scan.Paths = scopePaths(Scope);
  // Buffers not saved yet belong to their scope too.
  for (const auto &Entry : *Overlay)
    if (scopeOf(Entry.getKey().str()) == Scope &&
        !llvm::sys::fs::exists(Entry.getKey()) &&
        !llvm::is_contained(O.Scan.Paths, Entry.getKey()))
      O.Scan.Paths.push_back(Entry.getKey().str());
  O.Scan.Load.Overlay = Overlay;
  O.Scan.Load.Cache = Parsed;
  // One editor's files; the user's own modules may sit above the folder.
  O.AllowOutsideRoot = true;
  const posture::Config &Run = S->Scopes->forPath(O.Scan.Paths.front());
  for (const std::string &Dir : Run.PolicyDirs.Value)
    S->Policies.loadDirectory(Dir, checks::builtinChecks());
  O.Checks = checks::builtinChecks();
  for (const check::Check *C : S->Policies.checks())
    O.Checks.push_back(C);
  S->Result = rampart::analyze(O, *S->Scopes);
  if (S->Result->Cancelled)
    return S;
  // Only the open documents it read count for supersession.
  for (auto It = S->Versions.begin(); It != S->Versions.end();)
    It = S->file(It->first) ? std::next(It) : S->Versions.erase(It);
  return S;
}

bool Workspace::superseded(const Snapshot &S) const {
  std::lock_guard<std::mutex> L(Lock);
  for (const auto &[Path, Version] : S.Versions) {
    auto It = Documents.find(Path);
    if (It == Documents.end() || It->second.Version != Version)
      return true;
  }
  return false;
}

std::shared_ptr<Snapshot> Workspace::remember(std::shared_ptr<Snapshot> S) {
  std::lock_guard<std::mutex> L(Lock);
  std::shared_ptr<Snapshot> &Slot = Snapshots[S->Scope];
  std::swap(Slot, S);
  return S;
}

bool Workspace::hasOpenDocumentIn(const std::string &Scope) const {
  std::lock_guard<std::mutex> L(Lock);
  for (const auto &[Path, D] : Documents)
    if (scopeOf(Path) == Scope)
      return true;
  return false;
}

std::shared_ptr<Snapshot> Workspace::forget(const std::string &Scope) {
  std::lock_guard<std::mutex> L(Lock);
  auto It = Snapshots.find(Scope);
  if (It == Snapshots.end())
    return nullptr;
  std::shared_ptr<Snapshot> Gone = std::move(It->second);
  Snapshots.erase(It);
  return Gone;
}

std::shared_ptr<Snapshot>
Workspace::snapshotFor(const std::string &Path) const {
  std::lock_guard<std::mutex> L(Lock);
  auto It = Snapshots.find(scopeOf(Path));
  if (It != Snapshots.end())
    return It->second;
  for (const auto &[Scope, S] : Snapshots)
    if (S->file(Path))
      return S;
  return nullptr;
}

Workspace::Readers Workspace::snapshotsReading(const std::string &Path) const {
  std::lock_guard<std::mutex> L(Lock);
  auto Open = Documents.find(Path);
  Readers Out;
  if (Open != Documents.end())
    Out.Version = Open->second.Version;
  for (const auto &[Scope, S] : Snapshots) {
    if (Scope != scopeOf(Path) && !S->file(Path))
      continue;
    // A caller analysed before the latest edit of Path would show findings
    // at stale positions; its next run (already queued) brings them back.
    auto Read = S->Versions.find(Path);
    if (Open != Documents.end() &&
        (Read == S->Versions.end() || Read->second != Open->second.Version)) {
      Out.Stale = Out.Stale || S->file(Path);
      continue;
    }
    Out.Snapshots.push_back(S);
  }
  return Out;
}

std::vector<std::string>
Workspace::callerScopesOf(const std::string &Path) const {
  std::lock_guard<std::mutex> L(Lock);
  std::vector<std::string> Out;
  for (const auto &[Scope, S] : Snapshots)
    if (Scope != scopeOf(Path) && S->file(Path))
      Out.push_back(Scope);
  return Out;
}

} // namespace rampart::lsp
