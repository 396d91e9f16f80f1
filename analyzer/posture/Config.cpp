//===- Config.cpp - .rampart.yaml, with scopes ----------------------------===//
#include "analyzer/posture/Config.h"

#include "analyzer/workspace/Discovery.h"
#include "parsers/cloudformation/YamlParser.h"
#include "parsers/common/TreeReader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <fnmatch.h>

namespace rampart::posture {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
using json = nlohmann::ordered_json;

//===----------------------------------------------------------------------===//
// Paths and globs
//===----------------------------------------------------------------------===//

namespace {

/// Absolute, without "." and "..": the one spelling of a path that the
/// caches and the relative-path matchers compare.
std::string normalized(llvm::StringRef Path) {
  llvm::SmallString<256> Out(Path);
  fs::make_absolute(Out);
  path::remove_dots(Out, /*remove_dot_dot=*/true);
  return Out.str().str();
}

/// Path (normalised) relative to Dir, or nullopt when it is not under Dir.
std::optional<std::string> relativeTo(llvm::StringRef Dir,
                                      llvm::StringRef Path) {
  std::string Abs = normalized(Path);
  llvm::StringRef Rel = Abs;
  llvm::StringRef Base = llvm::StringRef(Dir).rtrim('/');
  if (!Rel.consume_front(Base) || (!Rel.empty() && Rel.front() != '/'))
    return std::nullopt;
  return Rel.ltrim('/').str();
}

/// Whether a glob matches the relative path or a directory above it: an
/// excluded directory excludes what is under it, as in discovery.
bool matchesPathOrParent(llvm::ArrayRef<std::string> Globs,
                         llvm::StringRef Relative) {
  if (Relative.empty())
    return false;
  for (size_t Slash = Relative.find('/');;
       Slash = Relative.find('/', Slash + 1)) {
    llvm::StringRef Prefix = Relative.substr(0, Slash);
    for (const std::string &G : Globs)
      if (workspace::matchesExclude(G, Prefix))
        return true;
    if (Slash == llvm::StringRef::npos)
      return false;
  }
}

/// Case-insensitive glob where `*` crosses '/': check ids and resource ids
/// are names, not paths.
bool nameMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  return fnmatch(Glob.lower().c_str(), Name.lower().c_str(), 0) == 0;
}

bool isGlob(llvm::StringRef Text) {
  return Text.find_first_of("*?[") != llvm::StringRef::npos;
}

bool anyNameMatches(llvm::ArrayRef<std::string> Globs, llvm::StringRef Name) {
  return llvm::any_of(
      Globs, [&](const std::string &G) { return nameMatches(G, Name); });
}

std::string directoryOf(llvm::StringRef File) {
  return path::parent_path(File).str();
}

} // namespace

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

bool Config::checkEnabled(llvm::StringRef Id) const {
  if (EnabledChecks.Value && !anyNameMatches(*EnabledChecks.Value, Id))
    return false;
  return !anyNameMatches(DisabledChecks.Value, Id);
}

std::optional<check::Level> Config::severityFor(llvm::StringRef Id) const {
  for (const auto &[Key, Level] : Severity)
    if (!isGlob(Key) && Id.equals_insensitive(Key))
      return Level.Value;
  for (const auto &[Key, Level] : Severity)
    if (isGlob(Key) && nameMatches(Key, Id))
      return Level.Value;
  return std::nullopt;
}

bool Config::excludes(llvm::StringRef Path) const {
  if (Exclude.Value.empty() || ExcludeDir.empty())
    return false;
  std::optional<std::string> Rel = relativeTo(ExcludeDir, Path);
  return Rel && matchesPathOrParent(Exclude.Value, *Rel);
}

const json *Config::environmentFact(llvm::StringRef Provider,
                                    llvm::StringRef Fact) const {
  std::string Key = (Provider + "." + Fact).str();
  for (const auto &[Name, V] : Environment)
    if (Name == Key)
      return &V.Value;
  return nullptr;
}

SuppressionPolicy Config::suppressionPolicy() const {
  SuppressionPolicy P;
  P.RequireReason = RequireReason.Value;
  P.RequireExpiry = RequireExpiry.Value;
  P.MaxDays = MaxDays.Value;
  P.AllowInline = AllowInline.Value;
  return P;
}

bool ignoreMatchesId(const Suppression &S, llvm::StringRef CheckId) {
  return anyNameMatches(S.Ids, CheckId);
}

bool ignoreMatchesResource(const Suppression &S, llvm::StringRef ResourceId) {
  return S.ResourceGlob.empty() || nameMatches(S.ResourceGlob, ResourceId);
}

bool ignoreMatchesPath(const Suppression &S, llvm::StringRef File) {
  if (S.PathGlob.empty())
    return true;
  std::optional<std::string> Rel = relativeTo(directoryOf(S.File), File);
  return Rel && matchesPathOrParent({S.PathGlob}, *Rel);
}

//===----------------------------------------------------------------------===//
// Command-line overrides
//===----------------------------------------------------------------------===//

namespace {

constexpr llvm::StringLiteral CommandLine = "command line";

template <typename T>
void overrideWith(Sourced<T> &Field, const std::optional<T> &Flag) {
  if (Flag)
    Field = {*Flag, CommandLine.str()};
}

/// A map entry set on the command line replaces the config's entry of the
/// same name, and comes first.
void overrideEntries(
    SourcedMap<std::string> &Map,
    llvm::ArrayRef<std::pair<std::string, std::string>> Flags) {
  SourcedMap<std::string> Out;
  for (const auto &Flag : Flags) {
    // Named, not bound: clang 14 cannot capture a structured binding.
    const std::string &Name = Flag.first, &Value = Flag.second;
    auto Same = [&](const auto &E) { return E.first == Name; };
    llvm::erase_if(Out, Same); // the last --var x= wins, as in Terraform
    Out.push_back({Name, {Value, CommandLine.str()}});
  }
  for (auto &Entry : Map)
    if (llvm::none_of(Out,
                      [&](const auto &E) { return E.first == Entry.first; }))
      Out.push_back(std::move(Entry));
  Map = std::move(Out);
}

} // namespace

Config withOverrides(Config C, const ConfigOverrides &O) {
  if (O.EnabledChecks)
    C.EnabledChecks = {O.EnabledChecks, CommandLine.str()};
  overrideWith(C.DisabledChecks, O.DisabledChecks);
  overrideWith(C.SeverityThreshold, O.SeverityThreshold);
  overrideWith(C.FailOn, O.FailOn);
  overrideWith(C.PolicyDirs, O.PolicyDirs);
  if (O.ParameterFile)
    C.ParameterFile = {O.ParameterFile, CommandLine.str()};
  overrideWith(C.VarFiles, O.VarFiles);
  overrideEntries(C.Vars, O.Vars);
  overrideEntries(C.Params, O.Params);
  overrideEntries(C.Context, O.Context);
  return C;
}

//===----------------------------------------------------------------------===//
// Reading one file
//===----------------------------------------------------------------------===//

namespace {

const llvm::StringRef TopKeys[] = {
    "extends", "checks",      "severity",    "severity-threshold", "fail-on",
    "exclude", "policy-dirs", "parameters",  "var-files",          "vars",
    "params",  "context",     "environment", "suppressions",       "ignore"};
const llvm::StringRef CheckKeys[] = {"enable", "disable"};
const llvm::StringRef SuppressionKeys[] = {"require-reason", "require-expiry",
                                           "max-days", "allow-inline"};
const llvm::StringRef IgnoreKeys[] = {"id",     "resource", "path",
                                      "reason", "until",    "category"};
const llvm::StringRef Providers[] = {"aws", "azure", "google"};

std::string inQuotes(llvm::StringRef Key) { return "'" + Key.str() + "'"; }

/// Where `extends:` points, as written and resolved.
struct ExtendsTarget {
  std::string File;
  SourceRange Range;
};

/// Reads one file's tree into a Config holding only what the file sets
/// (everything else stays "default"), collecting errors at exact ranges.
class ConfigReader : TreeReader {
public:
  ConfigReader(std::string File, std::vector<Diagnostic> &Diags)
      : TreeReader(Diags), File(std::move(File)), Dir(directoryOf(this->File)) {
  }

  Config read(const Node *Root, std::optional<ExtendsTarget> &Extends);

private:
  std::string from(const MapEntry &E) const {
    return File + ":" + std::to_string(E.KeyRange.Start.Line) + ":" +
           std::to_string(E.KeyRange.Start.Column);
  }
  std::string resolve(llvm::StringRef P) const {
    if (path::is_absolute(P))
      return normalized(P);
    llvm::SmallString<256> Out(Dir);
    path::append(Out, P);
    return normalized(Out);
  }

  std::optional<check::Level> level(const Node *N, llvm::StringRef What);
  std::optional<std::string> commandLineText(const Node *N,
                                             llvm::StringRef What);
  std::optional<json> scalar(const Node *N, llvm::StringRef What);
  std::optional<json> toJson(const Node *N, llvm::StringRef What);
  std::optional<std::string> existingPath(const Node *N, llvm::StringRef What,
                                          bool Directory);

  void readEntry(const MapEntry &E, Config &C,
                 std::optional<ExtendsTarget> &Extends);
  void readExtends(const MapEntry &E, std::optional<ExtendsTarget> &Extends);
  void readChecks(const MapEntry &E, Config &C);
  void readSeverity(const MapEntry &E, Config &C);
  void readPaths(const MapEntry &E, Sourced<std::vector<std::string>> &Field,
                 bool Directories);
  void readAssignments(const MapEntry &E, SourcedMap<std::string> &Map);
  void readEnvironment(const MapEntry &E, Config &C);
  void readSuppressions(const MapEntry &E, Config &C);
  void readIgnores(const MapEntry &E, Config &C);
  std::optional<Suppression> readIgnore(const Node *N);

  std::string File, Dir;
};

std::optional<check::Level> ConfigReader::level(const Node *N,
                                                llvm::StringRef What) {
  std::optional<std::string> T = text(N, What, false);
  if (!T)
    return std::nullopt;
  if (std::optional<check::Level> L = check::levelNamed(*T))
    return L;
  error(N->Range, What.str() +
                      " must be one of low, medium, high, critical, "
                      "not " +
                      inQuotes(*T));
  return std::nullopt;
}

/// A scalar as a JSON value: true stays a boolean, 90 a number.
std::optional<json> ConfigReader::scalar(const Node *N, llvm::StringRef What) {
  switch (N->Kind) {
  case NodeKind::Bool:
    return json(N->BoolValue);
  case NodeKind::String:
    return json(N->Text);
  case NodeKind::Number: {
    int64_t I;
    if (!llvm::StringRef(N->Text).getAsInteger(10, I))
      return json(I);
    if (std::optional<double> D = N->number())
      return json(*D);
    error(N->Range, inQuotes(N->Text) + " is not a number Rampart can read");
    return std::nullopt;
  }
  default:
    break;
  }
  error(N->Range, What.str() + " must be a string, number or boolean, not " +
                      kindWord(N));
  return std::nullopt;
}

std::optional<json> ConfigReader::toJson(const Node *N, llvm::StringRef What) {
  if (N->is(NodeKind::List)) {
    json Out = json::array();
    for (const Node *Item : N->Items) {
      std::optional<json> V = toJson(Item, What);
      if (!V)
        return std::nullopt;
      Out.push_back(std::move(*V));
    }
    return Out;
  }
  if (N->is(NodeKind::Map)) {
    json Out = json::object();
    for (const MapEntry &E : N->Entries) {
      std::optional<json> V = toJson(E.Value, What);
      if (!V)
        return std::nullopt;
      Out[E.Key] = std::move(*V);
    }
    return Out;
  }
  return scalar(N, What);
}

/// The value as `--var name=VALUE` would spell it: a scalar's text, a list
/// or map as JSON (which Terraform and ARM both read).
std::optional<std::string> ConfigReader::commandLineText(const Node *N,
                                                         llvm::StringRef What) {
  if (N->is(NodeKind::String) || N->is(NodeKind::Number))
    return N->Text;
  if (N->is(NodeKind::Bool))
    return std::string(N->BoolValue ? "true" : "false");
  std::optional<json> V = toJson(N, What);
  if (!V)
    return std::nullopt;
  return V->dump();
}

/// A path relative to the file's directory that must exist: only the
/// config knows where it was written, so only it can point at the mistake.
std::optional<std::string> ConfigReader::existingPath(const Node *N,
                                                      llvm::StringRef What,
                                                      bool Directory) {
  std::optional<std::string> T = text(N, What, false);
  if (!T)
    return std::nullopt;
  std::string Full = resolve(*T);
  bool Exists = Directory ? fs::is_directory(Full) : fs::is_regular_file(Full);
  if (Exists)
    return Full;
  error(N->Range, What.str() + " " + inQuotes(*T) + " is not " +
                      (Directory ? "a directory" : "a file") + " (" + Full +
                      ")");
  return std::nullopt;
}

Config ConfigReader::read(const Node *Root,
                          std::optional<ExtendsTarget> &Extends) {
  Config C;
  C.Files = {File};
  if (!Root || Root->is(NodeKind::Null))
    return C; // an empty file: every value is its parent's or the default
  if (!expectMap(Root, "a config file"))
    return C;
  checkKeys(Root, TopKeys, "the config");
  for (const MapEntry &E : Root->Entries)
    readEntry(E, C, Extends);
  return C;
}

void ConfigReader::readEntry(const MapEntry &E, Config &C,
                             std::optional<ExtendsTarget> &Extends) {
  llvm::StringRef Key = E.Key;
  const Node *V = E.Value;
  std::string What = inQuotes(Key);
  if (Key == "extends")
    readExtends(E, Extends);
  else if (Key == "checks")
    readChecks(E, C);
  else if (Key == "severity")
    readSeverity(E, C);
  else if (Key == "severity-threshold" || Key == "fail-on") {
    Sourced<check::Level> &Field =
        Key == "fail-on" ? C.FailOn : C.SeverityThreshold;
    if (std::optional<check::Level> L = level(V, What))
      Field = {*L, from(E)};
  } else if (Key == "exclude") {
    if (auto Globs = texts(V, What, false)) {
      C.Exclude = {std::move(*Globs), from(E)};
      C.ExcludeDir = Dir;
    }
  } else if (Key == "policy-dirs")
    readPaths(E, C.PolicyDirs, /*Directories=*/true);
  else if (Key == "var-files")
    readPaths(E, C.VarFiles, /*Directories=*/false);
  else if (Key == "parameters") {
    if (auto P = existingPath(V, What, /*Directory=*/false))
      C.ParameterFile = {std::move(*P), from(E)};
  } else if (Key == "vars")
    readAssignments(E, C.Vars);
  else if (Key == "params")
    readAssignments(E, C.Params);
  else if (Key == "context")
    readAssignments(E, C.Context);
  else if (Key == "environment")
    readEnvironment(E, C);
  else if (Key == "suppressions")
    readSuppressions(E, C);
  else if (Key == "ignore")
    readIgnores(E, C);
}

void ConfigReader::readExtends(const MapEntry &E,
                               std::optional<ExtendsTarget> &Extends) {
  std::optional<std::string> T = text(E.Value, "'extends'", false);
  if (!T)
    return;
  std::string Target = resolve(*T);
  if (!fs::is_regular_file(Target)) {
    error(E.Value->Range, "'extends' names " + inQuotes(*T) +
                              ", which is not a file (" + Target + ")");
    return;
  }
  Extends = ExtendsTarget{std::move(Target), E.Value->Range};
}

void ConfigReader::readChecks(const MapEntry &E, Config &C) {
  if (!expectMap(E.Value, "'checks'"))
    return;
  checkKeys(E.Value, CheckKeys, "'checks'");
  for (const MapEntry &Sub : E.Value->Entries) {
    std::string What = "'checks." + Sub.Key + "'";
    if (Sub.Key == "enable") {
      if (auto Globs = texts(Sub.Value, What, false))
        C.EnabledChecks = {std::move(*Globs), from(Sub)};
    } else if (Sub.Key == "disable") {
      if (auto Globs = texts(Sub.Value, What, false))
        C.DisabledChecks = {std::move(*Globs), from(Sub)};
    }
  }
}

void ConfigReader::readSeverity(const MapEntry &E, Config &C) {
  if (!expectMap(E.Value, "'severity'"))
    return;
  for (size_t I = 0; I < E.Value->Entries.size(); ++I) {
    const MapEntry &Sub = E.Value->Entries[I];
    bool Duplicate = llvm::any_of(
        llvm::make_range(E.Value->Entries.begin(),
                         E.Value->Entries.begin() + I),
        [&](const MapEntry &X) {
          return llvm::StringRef(X.Key).equals_insensitive(Sub.Key);
        });
    if (Duplicate) {
      error(Sub.KeyRange, "check " + inQuotes(Sub.Key) +
                              " has a severity twice (ids ignore case)");
      continue;
    }
    if (auto L = level(Sub.Value, "the severity of " + inQuotes(Sub.Key)))
      C.Severity.push_back({Sub.Key, {*L, from(Sub)}});
  }
}

void ConfigReader::readPaths(const MapEntry &E,
                             Sourced<std::vector<std::string>> &Field,
                             bool Directories) {
  std::string What = inQuotes(E.Key);
  const Node *V = E.Value;
  std::vector<const Node *> Items;
  if (V->is(NodeKind::List))
    Items.assign(V->Items.begin(), V->Items.end());
  else
    Items.push_back(V);
  std::vector<std::string> Out;
  bool Ok = true;
  for (const Node *Item : Items) {
    std::optional<std::string> P = existingPath(
        Item, V->is(NodeKind::List) ? "an item of " + What : What, Directories);
    Ok &= P.has_value();
    if (P)
      Out.push_back(std::move(*P));
  }
  if (Ok)
    Field = {std::move(Out), from(E)};
}

void ConfigReader::readAssignments(const MapEntry &E,
                                   SourcedMap<std::string> &Map) {
  if (!expectMap(E.Value, inQuotes(E.Key)))
    return;
  for (const MapEntry &Sub : E.Value->Entries) {
    if (llvm::any_of(Map, [&](const auto &X) { return X.first == Sub.Key; })) {
      error(Sub.KeyRange,
            "duplicate key " + inQuotes(Sub.Key) + " in " + inQuotes(E.Key));
      continue;
    }
    if (auto T = commandLineText(Sub.Value, inQuotes(E.Key + "." + Sub.Key)))
      Map.push_back({Sub.Key, {std::move(*T), from(Sub)}});
  }
}

void ConfigReader::readEnvironment(const MapEntry &E, Config &C) {
  if (!expectMap(E.Value, "'environment'"))
    return;
  checkKeys(E.Value, Providers, "'environment'");
  for (const MapEntry &Provider : E.Value->Entries) {
    if (!llvm::is_contained(Providers, Provider.Key) ||
        !expectMap(Provider.Value, "'environment." + Provider.Key + "'"))
      continue;
    for (const MapEntry &Fact : Provider.Value->Entries) {
      std::string Key = Provider.Key + "." + Fact.Key;
      if (llvm::any_of(C.Environment,
                       [&](const auto &X) { return X.first == Key; })) {
        error(Fact.KeyRange,
              "duplicate key " + inQuotes(Key) + " in 'environment'");
        continue;
      }
      if (auto V = scalar(Fact.Value, inQuotes("environment." + Key)))
        C.Environment.push_back({Key, {std::move(*V), from(Fact)}});
    }
  }
}

void ConfigReader::readSuppressions(const MapEntry &E, Config &C) {
  if (!expectMap(E.Value, "'suppressions'"))
    return;
  checkKeys(E.Value, SuppressionKeys, "'suppressions'");
  for (const MapEntry &Sub : E.Value->Entries) {
    std::string What = "'suppressions." + Sub.Key + "'";
    auto Flag = [&](Sourced<bool> &Field) {
      if (std::optional<bool> B = boolean(Sub.Value, What))
        Field = {*B, from(Sub)};
    };
    if (Sub.Key == "require-reason")
      Flag(C.RequireReason);
    else if (Sub.Key == "require-expiry")
      Flag(C.RequireExpiry);
    else if (Sub.Key == "allow-inline")
      Flag(C.AllowInline);
    else if (Sub.Key == "max-days") {
      unsigned Days;
      if (Sub.Value->is(NodeKind::Number) &&
          !llvm::StringRef(Sub.Value->Text).getAsInteger(10, Days) && Days > 0)
        C.MaxDays = {Days, from(Sub)};
      else
        error(Sub.Value->Range,
              What + " must be a whole number of days above 0, not " +
                  (Sub.Value->is(NodeKind::Number) ? inQuotes(Sub.Value->Text)
                                                   : kindWord(Sub.Value)));
    }
  }
}

void ConfigReader::readIgnores(const MapEntry &E, Config &C) {
  if (!E.Value->is(NodeKind::List)) {
    error(E.Value->Range,
          "'ignore' must be a list of entries, not " + kindWord(E.Value));
    return;
  }
  for (const Node *Item : E.Value->Items)
    if (std::optional<Suppression> S = readIgnore(Item))
      C.Ignores.push_back(std::move(*S));
}

std::optional<Suppression> ConfigReader::readIgnore(const Node *N) {
  if (!expectMap(N, "an 'ignore' entry"))
    return std::nullopt;
  size_t Before = Diags.size();
  checkKeys(N, IgnoreKeys, "an 'ignore' entry");
  Suppression S;
  S.TheForm = Suppression::Form::Config;
  S.File = File;
  S.Range = N->Range;
  if (const Node *Id = N->get("id")) {
    if (auto T = text(Id, "'id'", false))
      S.Ids = {*T};
  } else {
    error(N->Range, "an 'ignore' entry needs 'id' (a check id or glob)");
  }
  auto OptionalText = [&](llvm::StringRef Key, std::string &Field) {
    if (const Node *V = N->get(Key))
      if (auto T = text(V, inQuotes(Key), false))
        Field = *T;
  };
  OptionalText("resource", S.ResourceGlob);
  OptionalText("path", S.PathGlob);
  OptionalText("reason", S.Reason);
  if (const Node *Until = N->get("until")) {
    // A plain 2027-03-31 is a string under the YAML 1.2 core schema.
    std::string Written = Until->is(NodeKind::Null) ? "" : Until->Text;
    if (std::optional<Date> D = parseDate(Written))
      S.Until = D;
    else
      error(Until->Range,
            "'until' must be a date written YYYY-MM-DD, not " +
                (Written.empty() ? kindWord(Until) : inQuotes(Written)));
  }
  if (const Node *Category = N->get("category"))
    if (auto T = text(Category, "'category'", false)) {
      if (*T == exemptionName(Exemption::Accepted))
        S.Category = Exemption::Accepted;
      else if (*T == exemptionName(Exemption::Mitigated))
        S.Category = Exemption::Mitigated;
      else
        error(Category->Range,
              "'category' must be accepted or mitigated, not " + inQuotes(*T));
    }
  if (Diags.size() > Before)
    return std::nullopt;
  return S;
}

//===----------------------------------------------------------------------===//
// Merging a file over the one it extends
//===----------------------------------------------------------------------===//

template <typename T>
void inherit(Sourced<T> &Child, const Sourced<T> &Parent) {
  if (Child.isDefault())
    Child = Parent;
}

/// The child's entries, then the parent's that the child does not redefine.
template <typename T, typename Same>
void inheritEntries(SourcedMap<T> &Child, const SourcedMap<T> &Parent,
                    Same SameKey) {
  for (const auto &Entry : Parent)
    if (llvm::none_of(Child, [&](const auto &E) {
          return SameKey(E.first, Entry.first);
        }))
      Child.push_back(Entry);
}

bool sameName(llvm::StringRef A, llvm::StringRef B) { return A == B; }
bool sameCheckId(llvm::StringRef A, llvm::StringRef B) {
  return A.equals_insensitive(B);
}

void mergeOver(Config &Child, const Config &Parent) {
  Child.Files.insert(Child.Files.end(), Parent.Files.begin(),
                     Parent.Files.end());
  inherit(Child.EnabledChecks, Parent.EnabledChecks);
  inherit(Child.DisabledChecks, Parent.DisabledChecks);
  inheritEntries(Child.Severity, Parent.Severity, sameCheckId);
  inherit(Child.SeverityThreshold, Parent.SeverityThreshold);
  inherit(Child.FailOn, Parent.FailOn);
  if (Child.Exclude.isDefault()) {
    Child.Exclude = Parent.Exclude;
    Child.ExcludeDir = Parent.ExcludeDir;
  }
  inherit(Child.PolicyDirs, Parent.PolicyDirs);
  inherit(Child.ParameterFile, Parent.ParameterFile);
  inherit(Child.VarFiles, Parent.VarFiles);
  inheritEntries(Child.Vars, Parent.Vars, sameName);
  inheritEntries(Child.Params, Parent.Params, sameName);
  inheritEntries(Child.Context, Parent.Context, sameName);
  inheritEntries(Child.Environment, Parent.Environment, sameName);
  inherit(Child.RequireReason, Parent.RequireReason);
  inherit(Child.RequireExpiry, Parent.RequireExpiry);
  inherit(Child.MaxDays, Parent.MaxDays);
  inherit(Child.AllowInline, Parent.AllowInline);
  // A parent scope's exemptions stay: a child can add, not take away.
  std::vector<Suppression> Ignores = Parent.Ignores;
  Ignores.insert(Ignores.end(), Child.Ignores.begin(), Child.Ignores.end());
  Child.Ignores = std::move(Ignores);
}

} // namespace

//===----------------------------------------------------------------------===//
// ConfigResolver
//===----------------------------------------------------------------------===//

ConfigResolver::ConfigResolver(std::optional<std::string> ExplicitFile)
    : ExplicitFile(std::move(ExplicitFile)) {}

bool ConfigResolver::hasErrors() const {
  return llvm::any_of(Diags, [](const ConfigDiagnostic &D) {
    return D.D.Level == Severity::Error;
  });
}

const Config *ConfigResolver::forPath(llvm::StringRef FileOrDir) {
  if (ExplicitFile)
    return forFile(normalized(*ExplicitFile));
  std::string Path = normalized(FileOrDir);
  return forDirectory(fs::is_directory(Path) ? Path : directoryOf(Path));
}

const Config *ConfigResolver::forDirectory(const std::string &Start) {
  std::vector<std::string> Walked;
  const Config *Found = Default.get();
  for (std::string Dir = Start; !Dir.empty();) {
    if (auto It = ByDirectory.find(Dir); It != ByDirectory.end()) {
      Found = It->second;
      break;
    }
    Walked.push_back(Dir);
    llvm::SmallString<256> Candidate(Dir);
    path::append(Candidate, ConfigFileName);
    if (fs::exists(Candidate)) {
      // A directory or device by that name is a mistake to report, not a
      // reason to fall back to a parent's config (or to read /dev/zero).
      if (fs::is_regular_file(Candidate)) {
        Found = forFile(Candidate.str().str());
      } else {
        Diags.push_back({Candidate.str().str(),
                         nullptr,
                         {Severity::Error,
                          "not a regular file; a config must be one",
                          {}}});
        Found = nullptr;
      }
      break;
    }
    // The repository's root is the widest scope: a file above it belongs
    // to something else (a home directory, another checkout).
    llvm::SmallString<256> Git(Dir);
    path::append(Git, ".git");
    if (fs::exists(Git))
      break;
    std::string Parent = path::parent_path(Dir).str();
    if (Parent == Dir)
      break;
    Dir = std::move(Parent);
  }
  for (const std::string &Dir : Walked)
    ByDirectory[Dir] = Found;
  return Found;
}

const Config *ConfigResolver::forFile(const std::string &File) {
  if (auto It = ByFile.find(File); It != ByFile.end())
    return It->second.get();
  std::vector<std::string> Visiting;
  readChain(File, Visiting); // caches its result, null or not
  return ByFile[File].get();
}

std::optional<Config>
ConfigResolver::readChain(const std::string &File,
                          std::vector<std::string> &Visiting) {
  if (auto It = ByFile.find(File); It != ByFile.end()) {
    if (!It->second)
      return std::nullopt;
    return *It->second;
  }
  auto Source = SourceFile::open(File);
  if (!Source) {
    Diags.push_back({File,
                     nullptr,
                     {Severity::Error,
                      "cannot read: " + llvm::toString(Source.takeError()),
                      {}}});
    ByFile[File] = nullptr;
    return std::nullopt;
  }
  const SourceFile &Src = **Source;
  Sources.push_back(std::move(*Source));

  Document Doc = parsers::parseYaml(Src);
  std::vector<Diagnostic> Found = Doc.diagnostics();
  // An empty file is a scope that sets nothing (it stops the search for a
  // farther file): not worth the parser's "no document" warning.
  if ((!Doc.root() || Doc.root()->is(NodeKind::Null)) && !Doc.hasErrors())
    Found.clear();
  std::optional<ExtendsTarget> Extends;
  Config C;
  if (!Doc.hasErrors())
    C = ConfigReader(File, Found).read(Doc.root(), Extends);

  std::optional<Config> Parent;
  if (Extends) {
    if (llvm::is_contained(Visiting, Extends->File) || Extends->File == File) {
      std::string Cycle;
      for (const std::string &F : Visiting)
        Cycle += F + " -> ";
      Found.push_back(
          {Severity::Error,
           "'extends' makes a cycle: " + Cycle + File + " -> " + Extends->File,
           Extends->Range});
    } else {
      Visiting.push_back(File);
      Parent = readChain(Extends->File, Visiting);
      Visiting.pop_back();
      if (!Parent)
        Found.push_back({Severity::Note,
                         "not used: the file it extends has errors",
                         Extends->Range});
    }
  }
  bool Bad = llvm::any_of(
      Found, [](const Diagnostic &D) { return D.Level == Severity::Error; });
  for (Diagnostic &D : Found)
    Diags.push_back({File, &Src, std::move(D)});
  if (Bad || (Extends && !Parent)) {
    ByFile[File] = nullptr;
    return std::nullopt;
  }
  if (Parent)
    mergeOver(C, *Parent);
  ByFile[File] = std::make_unique<Config>(C);
  return C;
}

//===----------------------------------------------------------------------===//
// Showing a config
//===----------------------------------------------------------------------===//

namespace {

json sourcedJson(json Value, const std::string &From) {
  return json{{"value", std::move(Value)}, {"from", From}};
}

template <typename T> json optionalJson(const std::optional<T> &V) {
  return V ? json(*V) : json(nullptr);
}

template <typename T, typename ToJson>
json mapJson(const SourcedMap<T> &Map, ToJson Convert) {
  json Out = json::object();
  for (const auto &[Key, V] : Map)
    Out[Key] = sourcedJson(Convert(V.Value), V.From);
  return Out;
}

std::string locationOf(const Suppression &S) {
  return S.File + ":" + std::to_string(S.Range.Start.Line) + ":" +
         std::to_string(S.Range.Start.Column);
}

json ignoreJson(const Suppression &S) {
  json Entry = json::object();
  Entry["id"] = S.Ids.empty() ? "" : S.Ids.front();
  if (!S.ResourceGlob.empty())
    Entry["resource"] = S.ResourceGlob;
  if (!S.PathGlob.empty())
    Entry["path"] = S.PathGlob;
  if (!S.Reason.empty())
    Entry["reason"] = S.Reason;
  if (S.Until)
    Entry["until"] = formatDate(*S.Until);
  Entry["category"] = exemptionName(S.Category).str();
  return sourcedJson(std::move(Entry), locationOf(S));
}

json levelJson(check::Level L) { return check::levelName(L).str(); }

} // namespace

json configToJson(const Config &C) {
  json Out = json::object();
  Out["files"] = C.Files;
  Out["checks"] = {
      {"enable",
       sourcedJson(optionalJson(C.EnabledChecks.Value), C.EnabledChecks.From)},
      {"disable", sourcedJson(C.DisabledChecks.Value, C.DisabledChecks.From)}};
  Out["severity"] = mapJson(C.Severity, levelJson);
  Out["severity-threshold"] = sourcedJson(levelJson(C.SeverityThreshold.Value),
                                          C.SeverityThreshold.From);
  Out["fail-on"] = sourcedJson(levelJson(C.FailOn.Value), C.FailOn.From);
  Out["exclude"] = sourcedJson(C.Exclude.Value, C.Exclude.From);
  if (!C.ExcludeDir.empty())
    Out["exclude"]["relative-to"] = C.ExcludeDir;
  Out["policy-dirs"] = sourcedJson(C.PolicyDirs.Value, C.PolicyDirs.From);
  Out["parameters"] =
      sourcedJson(optionalJson(C.ParameterFile.Value), C.ParameterFile.From);
  Out["var-files"] = sourcedJson(C.VarFiles.Value, C.VarFiles.From);
  auto Text = [](const std::string &S) { return json(S); };
  Out["vars"] = mapJson(C.Vars, Text);
  Out["params"] = mapJson(C.Params, Text);
  Out["context"] = mapJson(C.Context, Text);
  Out["environment"] = mapJson(C.Environment, [](const json &V) { return V; });
  Out["suppressions"] = {
      {"require-reason",
       sourcedJson(C.RequireReason.Value, C.RequireReason.From)},
      {"require-expiry",
       sourcedJson(C.RequireExpiry.Value, C.RequireExpiry.From)},
      {"max-days", sourcedJson(optionalJson(C.MaxDays.Value), C.MaxDays.From)},
      {"allow-inline", sourcedJson(C.AllowInline.Value, C.AllowInline.From)}};
  json Ignores = json::array();
  for (const Suppression &S : C.Ignores)
    Ignores.push_back(ignoreJson(S));
  Out["ignore"] = std::move(Ignores);
  return Out;
}

namespace {

/// Plain scalars that some YAML readers take for booleans or null.
constexpr llvm::StringLiteral YamlWords[] = {
    "true", "false", "null", "yes", "no", "on", "off", "y", "n"};

/// A JSON value in YAML flow style: plain when YAML would read it back as
/// the same string, quoted otherwise.
std::string flow(const json &V) {
  if (!V.is_string())
    return V.dump();
  const std::string &S = V.get_ref<const std::string &>();
  bool Plain = !S.empty() && (llvm::isAlpha(S.front()) || S.front() == '/') &&
               llvm::all_of(S,
                            [](char Ch) {
                              return llvm::isAlnum(Ch) ||
                                     llvm::StringRef("-_./").contains(Ch);
                            }) &&
               !llvm::is_contained(YamlWords, llvm::StringRef(S).lower());
  return Plain ? S : V.dump();
}

std::string flowList(const json &V) {
  if (!V.is_array())
    return flow(V);
  std::vector<std::string> Items;
  for (const json &Item : V)
    Items.push_back(flow(Item));
  return "[" + llvm::join(Items, ", ") + "]";
}

void line(std::string &Out, unsigned Indent, llvm::StringRef Key,
          const json &Sourced) {
  Out += std::string(Indent, ' ') + Key.str() + ": " +
         flowList(Sourced["value"]) + "   # " +
         Sourced["from"].get<std::string>() + "\n";
}

void mapLines(std::string &Out, llvm::StringRef Key, const json &Map) {
  if (Map.empty()) {
    Out += Key.str() + ": {}\n";
    return;
  }
  Out += Key.str() + ":\n";
  for (const auto &[Name, Sourced] : Map.items())
    line(Out, 2, flow(json(Name)), Sourced);
}

std::string ignoreFlow(const json &Entry) {
  std::vector<std::string> Parts;
  for (const auto &[Key, V] : Entry.items())
    Parts.push_back(Key + ": " + flow(V));
  return "{" + llvm::join(Parts, ", ") + "}";
}

} // namespace

std::string configToText(const Config &C) {
  json J = configToJson(C);
  std::string Out;
  Out += C.Files.empty() ? "# no .rampart.yaml applies: defaults only\n"
                         : "# read from " + llvm::join(C.Files, ", ") + "\n";
  Out += "checks:\n";
  line(Out, 2, "enable", J["checks"]["enable"]);
  line(Out, 2, "disable", J["checks"]["disable"]);
  mapLines(Out, "severity", J["severity"]);
  line(Out, 0, "severity-threshold", J["severity-threshold"]);
  line(Out, 0, "fail-on", J["fail-on"]);
  line(Out, 0, "exclude", J["exclude"]);
  if (!C.ExcludeDir.empty())
    Out += "#   exclude is relative to " + C.ExcludeDir + "\n";
  line(Out, 0, "policy-dirs", J["policy-dirs"]);
  line(Out, 0, "parameters", J["parameters"]);
  line(Out, 0, "var-files", J["var-files"]);
  mapLines(Out, "vars", J["vars"]);
  mapLines(Out, "params", J["params"]);
  mapLines(Out, "context", J["context"]);
  mapLines(Out, "environment", J["environment"]);
  Out += "suppressions:\n";
  for (const char *Key :
       {"require-reason", "require-expiry", "max-days", "allow-inline"})
    line(Out, 2, Key, J["suppressions"][Key]);
  if (J["ignore"].empty()) {
    Out += "ignore: []\n";
    return Out;
  }
  Out += "ignore:\n";
  for (const json &Entry : J["ignore"])
    Out += "  - " + ignoreFlow(Entry["value"]) + "   # " +
           Entry["from"].get<std::string>() + "\n";
  return Out;
}

} // namespace rampart::posture
