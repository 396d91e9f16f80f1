//===- AttackPaths.h - From an internet entry point to a target -*- C++ -*-===//
//
// The path half of catalog §4: chains over the resource graph from an
// internet-exposed entry point (or anonymous access) to a sensitive target,
// through identities and their grants (§4.1 runs_as, grants, readable_by,
// encrypts). The built-in paths are those of §4.3 (AZ-PATH-001..003 with
// 002a..d, AWS-PATH-001..003, GCP-PATH-001).
//
// Paths are findings of their own kind: they do not enter the secure score
// (Defender's attack paths do not either), they are suppressible like any
// finding, and every hop carries a file position.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_ATTACKPATHS_H
#define RAMPART_ANALYZER_EXPOSURE_ATTACKPATHS_H

#include "analyzer/check/Check.h"
#include "analyzer/exposure/Exposure.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace rampart::exposure {

/// A built-in path's metadata (for docs, `checks list` and reports).
struct PathDefinition {
  std::string Id; ///< AZ-PATH-001
  std::string Title;
  check::Level Severity = check::Level::High;
  /// Why it matters and how to break it, in Markdown.
  std::string Description;
  /// The checks whose findings form the path (AZ-NET-001, AZ-IAM-002...).
  std::vector<std::string> ContributingChecks;
};

/// The built-in path definitions, sorted by id.
const std::vector<PathDefinition> &pathDefinitions();

/// The definitions as checks without bindings (same order), so that a path
/// finding names its "check" as any finding does: SARIF rules, JUnit test
/// cases, suppressions by id and `.rampart.yaml` `checks:` patterns read
/// them. They are never run by the engine.
const std::vector<const check::Check *> &pathChecks();
/// The check of a definition (an element of pathChecks()).
const check::Check &pathCheck(const PathDefinition &D);
/// Whether C is one of pathChecks().
bool isPathCheck(const check::Check *C);

/// One attack path found in a unit.
struct AttackPath {
  const PathDefinition *Definition = nullptr;
  /// The severity of this instance (a definition may escalate or
  /// downgrade, as AZ-PATH-002 and AWS-PATH-002 do).
  check::Level Severity = check::Level::High;
  /// A step depends on an unknown value: informational, with Reason.
  Certainty State = Certainty::Definite;
  std::string Reason;
  /// The entry first (the Internet or Anyone node), the target last.
  std::vector<Hop> Chain;
  /// One line naming the cheapest fix first ("Close port 22 on nsg-web,
  /// or remove the Owner role assignment of vm-web's identity").
  std::string Message;
  /// The resource the path enters by (catalog §4.2's first matched node:
  /// the VM the internet reaches, the public bucket, the function URL),
  /// whose hop may follow the exposure's own hops (public IP, NSG rule).
  std::string EntryId;

  /// The entry resource's hop (EntryId's, else the first hop with a
  /// resource id): the finding's primary location.
  const Hop *entry() const;
};

/// The attack paths of a unit, given its network model. Catalog holds the
/// checks whose predicates the readable_by, decryptable_by and data-store
/// exposure edges reuse (AWS-S3-002/003, AWS-KMS-002, AWS-LAMBDA-001/002,
/// AZ-STORAGE-003/004/005/007, AZ-KV-003, AZ-COSMOS-001, AZ-DB-001/002;
/// normally checks::builtinChecks()), so a path never contradicts a check.
/// Paths in unit order of their entry resource, then by definition id.
std::vector<AttackPath>
findAttackPaths(const model::DeploymentUnit &U, const NetworkModel &Network,
                llvm::ArrayRef<const check::Check *> Catalog);

/// The same without a catalog: the paths whose edges need no check
/// (AZ-PATH-001, AZ-PATH-003, AWS-PATH-001, GCP-PATH-001, and AZ-PATH-002*
/// where the network model exposes the data store).
std::vector<AttackPath> findAttackPaths(const model::DeploymentUnit &U,
                                        const NetworkModel &Network);

/// "Internet → public IP 'pip' → NSG 'nsg' rule 'ssh' allows 22/tcp → VM
/// 'vm'": the chain in one line, for text reports.
std::string chainText(const AttackPath &P);

} // namespace rampart::exposure

#endif
