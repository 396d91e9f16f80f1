//===- Config.h - .rampart.yaml, with scopes -------------------*- C++ -*-===//
//
// Defender's "policies at scopes" mapped onto directories: the closest
// `.rampart.yaml` above a path applies, `extends:` chains it to a parent
// file, and command-line flags override both (docs/config.md).
//
// Every value remembers where it came from ("/repo/.rampart.yaml:12:3",
// "command line" or "default"), so `rampart config show` can say why a value
// is what it is. A file with an error (unknown key, wrong type, bad level or
// date, missing or cyclic `extends`, YAML syntax) is reported with its exact
// range and is not used at all: half a config misleads.
//
// Paths in a file are relative to that file's directory. The resolver works
// on absolute, normalised paths ("." and ".." removed, links not resolved),
// and so does every path a Config holds.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_CONFIG_H
#define RAMPART_ANALYZER_POSTURE_CONFIG_H

#include "analyzer/check/Check.h"
#include "analyzer/posture/Finding.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rampart::posture {

/// The name of the file the resolver looks for.
inline constexpr llvm::StringLiteral ConfigFileName = ".rampart.yaml";

/// A value and where it came from: "FILE:LINE:COLUMN" of its key, "command
/// line", or "default".
template <typename T> struct Sourced {
  T Value;
  std::string From = "default";

  bool isDefault() const { return From == "default"; }
};

/// A map key's entries, in precedence order: a child file's entries (in its
/// order) come before the parent's entries it does not redefine.
template <typename T>
using SourcedMap = std::vector<std::pair<std::string, Sourced<T>>>;

struct Config {
  /// The files read, closest first, then each file it extends. Empty for
  /// the default config.
  std::vector<std::string> Files;

  /// `checks.enable`: id globs; absent means every check.
  Sourced<std::optional<std::vector<std::string>>> EnabledChecks;
  /// `checks.disable`: id globs.
  Sourced<std::vector<std::string>> DisabledChecks;
  /// `severity`: id or glob to level.
  SourcedMap<check::Level> Severity;
  /// `severity-threshold` (--severity) and `fail-on` (--fail-on).
  Sourced<check::Level> SeverityThreshold{check::Level::Low};
  Sourced<check::Level> FailOn{check::Level::Low};
  /// `exclude`: globs relative to ExcludeDir, the directory of the file
  /// that set them (a child's list replaces its parent's, base and all).
  Sourced<std::vector<std::string>> Exclude;
  std::string ExcludeDir;
  /// `policy-dirs`, `parameters`, `var-files`: absolute paths.
  Sourced<std::vector<std::string>> PolicyDirs;
  Sourced<std::optional<std::string>> ParameterFile;
  Sourced<std::vector<std::string>> VarFiles;
  /// `vars` (--var), `params` (--param), `context` (--context): the value as
  /// the command line would spell it (a list or map as JSON text).
  SourcedMap<std::string> Vars, Params, Context;
  /// `environment`: facts outside any template, keyed "provider.fact"
  /// ("aws.ebs_encryption_by_default"), each a scalar.
  SourcedMap<nlohmann::ordered_json> Environment;
  /// `suppressions`: what inline suppressions must say to count.
  Sourced<bool> RequireReason{false}, RequireExpiry{false};
  Sourced<std::optional<unsigned>> MaxDays;
  Sourced<bool> AllowInline{true};
  /// `ignore`: config-level exemptions, each Form::Config with File the
  /// config file that declares it and Range its entry. A parent's entries
  /// come first; a child's are appended.
  std::vector<Suppression> Ignores;

  /// Not disabled, and enabled when `checks.enable` is given. Ids ignore
  /// case.
  bool checkEnabled(llvm::StringRef Id) const;
  /// The override for a check: an entry naming it exactly wins over globs;
  /// else the first glob that matches, in precedence order.
  std::optional<check::Level> severityFor(llvm::StringRef Id) const;
  /// Whether an `exclude` glob matches Path (or a directory above it),
  /// taken relative to ExcludeDir with --exclude's rules. A path outside
  /// ExcludeDir is never excluded.
  bool excludes(llvm::StringRef Path) const;
  /// The environment fact, or null when not set.
  const nlohmann::ordered_json *environmentFact(llvm::StringRef Provider,
                                                llvm::StringRef Fact) const;
  SuppressionPolicy suppressionPolicy() const;
};

/// One `ignore:` entry's parts, each true when the entry leaves it open.
/// Ids and resource ids ignore case, and `*` in a resource glob crosses
/// '/'. File is taken relative to the directory of the entry's config file,
/// with --exclude's rules; a file outside that directory never matches.
bool ignoreMatchesId(const Suppression &S, llvm::StringRef CheckId);
bool ignoreMatchesResource(const Suppression &S, llvm::StringRef ResourceId);
bool ignoreMatchesPath(const Suppression &S, llvm::StringRef File);

/// Command-line flags that override a config: each set one replaces the
/// config's value (maps: per entry) and reads "command line". --exclude is
/// not here: it is relative to the scanned paths, and applies in addition.
struct ConfigOverrides {
  std::optional<std::vector<std::string>> EnabledChecks;    ///< --checks
  std::optional<std::vector<std::string>> DisabledChecks;   ///< --skip-checks
  std::optional<check::Level> SeverityThreshold;            ///< --severity
  std::optional<check::Level> FailOn;                       ///< --fail-on
  std::optional<std::vector<std::string>> PolicyDirs;       ///< --policy-dir
  std::optional<std::string> ParameterFile;                 ///< --parameters
  std::optional<std::vector<std::string>> VarFiles;         ///< --var-file
  std::vector<std::pair<std::string, std::string>> Vars;    ///< --var
  std::vector<std::pair<std::string, std::string>> Params;  ///< --param
  std::vector<std::pair<std::string, std::string>> Context; ///< --context
};

/// C with the overrides applied.
Config withOverrides(Config C, const ConfigOverrides &O);

/// A problem in a config file. Source is null when the file could not be
/// read (the range is then meaningless).
struct ConfigDiagnostic {
  std::string File;
  const SourceFile *Source = nullptr;
  Diagnostic D;
};

/// Finds and reads the config that applies to each path, once per file and
/// per directory.
class ConfigResolver {
public:
  /// With ExplicitFile (--config FILE), that file (and what it extends)
  /// applies to every path, and no other file is looked for.
  explicit ConfigResolver(std::optional<std::string> ExplicitFile = {});
  ConfigResolver(ConfigResolver &&) = default;
  ConfigResolver &operator=(ConfigResolver &&) = default;

  /// The config for a file or directory: the closest `.rampart.yaml` from
  /// its directory upwards, stopping at the directory that holds `.git`
  /// (or at the filesystem root); the default config when there is none;
  /// null when the file that applies (or one it extends) has errors.
  const Config *forPath(llvm::StringRef FileOrDir);

  const std::vector<ConfigDiagnostic> &diagnostics() const { return Diags; }
  bool hasErrors() const;

private:
  const Config *forDirectory(const std::string &Dir);
  const Config *forFile(const std::string &File);
  /// Reads File and what it extends; null on error. Visiting holds the
  /// files on the current `extends` path, for cycles.
  std::optional<Config> readChain(const std::string &File,
                                  std::vector<std::string> &Visiting);

  std::optional<std::string> ExplicitFile;
  /// On the heap: ByDirectory points at it, and the resolver may move.
  std::unique_ptr<Config> Default = std::make_unique<Config>();
  /// Merged configs by file; null for a file with errors.
  std::map<std::string, std::unique_ptr<Config>> ByFile;
  std::map<std::string, const Config *> ByDirectory;
  std::vector<std::unique_ptr<SourceFile>> Sources;
  std::vector<ConfigDiagnostic> Diags;
};

/// `rampart config show --format json`: every key as {"value", "from"};
/// map keys per entry.
nlohmann::ordered_json configToJson(const Config &C);
/// `rampart config show`: YAML-like, one `key: value   # from ...` a line.
std::string configToText(const Config &C);

} // namespace rampart::posture

#endif
