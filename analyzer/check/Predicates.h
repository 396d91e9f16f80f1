//===- Predicates.h - Shared domain predicates, three-valued ---*- C++ -*-===//
//
// The questions many checks ask of evaluated values (checks catalog §1.3):
// does this port spec cover 22, is this source the internet, is this TLS
// spelling at least 1.2, does this policy statement allow everyone. Each
// answers True, False or Unknown, and says which value decided, so the
// engine can put a finding's range on it.
//
// Rules shared by every predicate here:
//  - An Unknown or Expression value gives Unknown, unless the answer does
//    not depend on it (a list with another element that already matches).
//  - A one-of Unknown (non-empty alternatives()) gives True or False when
//    every alternative gives it, else Unknown.
//  - Lists answer "any element" unless stated otherwise: True if some
//    element is True, else Unknown if some element is Unknown, else False.
//  - Match::Where points into the value passed in (or, for a policy
//    document given as a JSON string, into the PolicyDocument), so the
//    argument must outlive the Match.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_PREDICATES_H
#define RAMPART_ANALYZER_CHECK_PREDICATES_H

#include "analyzer/model/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rampart::check {

//===----------------------------------------------------------------------===//
// Three-valued results
//===----------------------------------------------------------------------===//

enum class Truth : uint8_t { False, True, Unknown };

inline Truth fromBool(bool B) { return B ? Truth::True : Truth::False; }
/// Kleene logic: False wins an "and", True wins an "or".
Truth truthAnd(Truth A, Truth B);
Truth truthOr(Truth A, Truth B);
Truth truthNot(Truth A);
llvm::StringRef truthName(Truth T);

/// A three-valued answer and the value that decided it:
///  - True: the most precise value that made it true (the list element "*",
///    the port range "20-25", the statement's Principal "*").
///  - Unknown: the value that could not be judged (an Unknown, an
///    Expression, a one-of whose alternatives disagree, a string the
///    predicate does not recognise).
///  - False: the value examined, or the value that ruled it out (a "Deny"
///    Effect, a restricting Condition); null when nothing was there.
/// A one-of whose alternatives agree is itself the Where.
struct Match {
  Truth T = Truth::False;
  const model::Value *Where = nullptr;
  /// Why the answer is Unknown when Where is a known value the predicate
  /// could not judge ("'22,80' is not a port or port range"). Empty
  /// otherwise: an Unknown or Expression Where carries its own reason.
  std::string Reason;

  bool isTrue() const { return T == Truth::True; }
  bool isFalse() const { return T == Truth::False; }
  bool isUnknown() const { return T == Truth::Unknown; }
};

//===----------------------------------------------------------------------===//
// Ports and protocols
//===----------------------------------------------------------------------===//

/// Azure NSG destination ports (`destinationPortRange(s)`,
/// `destination_port_range(s)`): "*", "22", "20-25", the number 22, or a
/// list of these. A malformed string ("22,80", "ssh") is Unknown with a
/// reason; null and an empty list cover nothing.
Match portCovers(const model::Value &PortSpec, int Port);

/// AWS from/to pairs (`FromPort`/`ToPort`, `from_port`/`to_port`,
/// `PortRange.From`/`To`): ints or strings of ints. -1 at either end means
/// every port, as AWS uses it with protocol -1. A null (missing) end is
/// open on that side: a rule without ports (`ip_protocol = "-1"` without
/// from/to) covers every port. Where is From when it decided, else To.
/// Ports say nothing about protocol -1 ("all"), which opens every port
/// whatever from/to hold (Terraform writes 0/0 with it): callers test the
/// protocol first.
Match portRangeCovers(const model::Value &From, const model::Value &To,
                      int Port);

/// GCP firewall `allow[].ports`: a list of "22" or "20-30" strings (or
/// ints). Missing (null pointer or null value) and an empty list mean every
/// port, as the Compute API reads an unset field.
Match gcpPortsCover(const model::Value *Ports, int Port);

/// TCP is included by "tcp" (any case), "*", "-1", "all", "6" and the
/// numbers 6 and -1 (Azure, AWS and GCP spellings).
Match protocolIncludesTcp(const model::Value &Protocol);
/// UDP: "udp" (any case), "*", "-1", "all", "17", 17, -1.
Match protocolIncludesUdp(const model::Value &Protocol);

//===----------------------------------------------------------------------===//
// Internet sources
//===----------------------------------------------------------------------===//

/// Azure NSG sources (`sourceAddressPrefix(es)`): "*", "0.0.0.0",
/// "0.0.0.0/0", "::/0", "Internet", "Any" (ignoring case), or any CIDR with
/// prefix length 0. Lists: any element.
Match isInternetSourceAzure(const model::Value &Source);

/// AWS and GCP CIDRs: any IPv4 or IPv6 CIDR with prefix length 0
/// ("0.0.0.0/0", "::/0"). Other strings (narrower CIDRs, security group or
/// prefix list ids) are False. Lists: any element.
Match isInternetCidr(const model::Value &Cidr);

//===----------------------------------------------------------------------===//
// TLS versions
//===----------------------------------------------------------------------===//

/// A TLS version as an ordered number: 10 + minor for TLS 1.x, 3 for SSL
/// 3.0, 0 for "None" (Azure SQL's "no minimum"). Reads, ignoring case:
///  - "1.2", "TLS1_2", "TLSv1_2", "TLS_1_2", "Tls12", "TLS12", "Tls"
///    (Cosmos DB's 1.0), "TLSv1", "TLSv1.2" (Azure, azurerm, PostgreSQL);
///  - CloudFront's "SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016",
///    "TLSv1.2_2021" (a "_YYYY" suffix is ignored);
///  - OpenSearch's "Policy-Min-TLS-1-2-2019-07" family;
///  - the predefined ELB security policies (ALB, NLB, FIPS, FS, PQ), mapped
///    to the lowest version each one accepts;
///  - a comma-separated list ("TLSv1.2,TLSv1.3", MySQL's tls_version): the
///    lowest of its versions.
/// Nullopt for anything else, including ELB policy names AWS does not
/// publish.
std::optional<unsigned> tlsVersionRank(llvm::StringRef Spelling);

/// Whether Version accepts no TLS version below Minimum (a spelling
/// tlsVersionRank reads, e.g. "1.2"). Strings and the numbers 1.0 to 1.3
/// are read; an unrecognised spelling is Unknown with a reason. Callers
/// apply provider defaults before asking (a null value is Unknown).
Match tlsAtLeast(const model::Value &Version, llvm::StringRef Minimum);

//===----------------------------------------------------------------------===//
// AWS policy documents
//===----------------------------------------------------------------------===//

/// A policy document read from an object or a JSON string (CloudFormation
/// objects, `jsonencode(...)`, JSON literals, evaluated
/// `aws_iam_policy_document`s). `Statement` may be an object or a list.
/// Values parsed from a JSON string all carry the string's origin, so a
/// finding on them covers the string.
///
/// A one-of document (an Fn::If between two policies) is read once per
/// alternative; anyStatement then requires the alternatives to agree.
/// The document owns what it parsed: it can be neither copied nor moved, so
/// the Where of its matches stays valid while it lives.
class PolicyDocument {
public:
  explicit PolicyDocument(const model::Value &Doc);
  PolicyDocument(const PolicyDocument &) = delete;
  PolicyDocument &operator=(const PolicyDocument &) = delete;

  /// Every statement in document order (for a one-of document, those of
  /// each alternative in turn). A statement may itself be an Unknown or a
  /// one-of; the statement predicates below handle that.
  std::vector<const model::Value *> statements() const;

  /// True when every statement could be listed; else Unknown, with the
  /// value to blame (the document, its Statement, a string that is not JSON)
  /// and, for a known value, a reason.
  Match readable() const;

  /// Whether some statement satisfies Pred: Kleene "or" over the
  /// statements of each alternative, and agreement across alternatives. An
  /// unreadable document is Unknown unless a readable statement is True.
  Match anyStatement(
      llvm::function_ref<Match(const model::Value &Statement)> Pred) const;

private:
  struct Alternative {
    model::Value Root; ///< Keeps the parsed tree alive.
    /// The `Statement` member (object, list or unknown); null when none.
    const model::Value *Statement = nullptr;
    Match Problem; ///< Unknown when the statements could not be listed.
  };
  void readAlternative(const model::Value &Doc);

  const model::Value &Source;
  std::vector<Alternative> Alternatives;
};

/// `Principal` is everyone: "*", {"AWS": "*"}, {"AWS": [..., "*"]} (or a
/// list holding "*"). Other principal kinds (Service, Federated,
/// CanonicalUser) are never public. Where is the "*".
Match principalIsPublic(const model::Value &Principal);

/// Whether a `Condition` block limits who may call, so a wildcard principal
/// is not public (catalog §1.3): a positive operator (StringEquals,
/// StringEqualsIgnoreCase, StringLike, ArnEquals, ArnLike, optionally
/// ForAnyValue:) on aws:SourceArn, aws:SourceAccount, aws:SourceVpc,
/// aws:SourceVpce, aws:PrincipalAccount, aws:PrincipalOrgID,
/// kms:CallerAccount or kms:ViaService, or IpAddress on aws:SourceIp with
/// no world CIDR. Context keys ignore case, as IAM reads them. Not
/// restricting: negated operators (StringNotEquals, NotIpAddress...),
/// ...IfExists and ForAllValues: (both pass when the key is absent), Null,
/// and wildcard values ("*") under StringLike/ArnEquals/ArnLike. Where is
/// the restricting key's value.
Match conditionRestrictsCaller(const model::Value &Condition);

/// Catalog "public principal": Effect "Allow" (case-sensitive, as IAM reads
/// it), a public Principal (or a NotPrincipal that does not name everyone:
/// Allow with NotPrincipal allows everyone else), and no Condition that
/// restricts the caller. Where is the Principal's "*" (or the NotPrincipal).
Match statementAllowsPublicPrincipal(const model::Value &Statement);

/// The admin-policy test (AWS-IAM-001): Effect "Allow", Action "*" or
/// "*:*", Resource "*", and no Condition (absent, null or {}). Where is the
/// Action's "*".
Match statementGrantsAllActions(const model::Value &Statement);

/// Whether the statement's actions include Action ("sts:AssumeRole"):
/// some `Action` pattern matches it (IAM wildcards * and ?, ignoring case),
/// or the statement has `NotAction` and none of its patterns matches it.
Match statementCoversAction(const model::Value &Statement,
                            llvm::StringRef Action);

/// Whether the statement's actions include some action of Service ("s3"):
/// an `Action` pattern whose service part matches it ("*", "s3:*",
/// "s3:GetObject", "S3:Get*"), or a `NotAction` that does not exclude the
/// whole service (no "*", "*:*" or "s3:*").
Match statementCoversService(const model::Value &Statement,
                             llvm::StringRef Service);

//===----------------------------------------------------------------------===//
// Azure role definitions
//===----------------------------------------------------------------------===//

/// Whether a role's `actions` grant Operation
/// ("Microsoft.Authorization/roleAssignments/write"): some action pattern
/// matches it (wildcard *, ignoring case) and no `notActions` pattern
/// does. NotActions may be null (none). Where is the matching action.
Match azureActionsGrant(const model::Value &Actions,
                        const model::Value *NotActions,
                        llvm::StringRef Operation);

/// Whether a list (or single string) holds the literal "*": a role
/// definition's `actions` granting everything.
Match containsWildcard(const model::Value &List);

//===----------------------------------------------------------------------===//
// Generic value tests
//===----------------------------------------------------------------------===//

/// Non-empty: an object with members, a list with items, a non-empty
/// string; any bool or number. False for null and empty ones.
Match isNonEmpty(const model::Value &V);

/// Set to something: V exists and is not null. An Expression that refers
/// to a resource is set (a resource's id or ARN is never null: `KmsKeyId:
/// !GetAtt Key.Arn`); other Unknowns and Expressions are Unknown.
Match isConfigured(const model::Value *V);

/// A string equal to Text ignoring case; other known values are False.
Match equalsInsensitive(const model::Value &V, llvm::StringRef Text);

/// Equality as CloudFormation and the providers read values:
///  - null equals null; strings compare exactly (or ignoring case with
///    IgnoreCase);
///  - a bool equals the other bool or the string "true"/"false" (any case);
///  - numbers compare by value (1 == 1.0), and equal a string holding that
///    decimal number ("22" == 22, "1.5" == 1.5; no spaces, no hex);
///  - lists equal element-wise with the same length; objects have the same
///    keys (in any order) with equal values;
///  - everything else is False.
/// Unknown when the answer depends on an Unknown or Expression on either
/// side (lists of different lengths are False whatever they hold).
Match valueEquals(const model::Value &V, const model::Value &Expected,
                  bool IgnoreCase = false);

} // namespace rampart::check

#endif
