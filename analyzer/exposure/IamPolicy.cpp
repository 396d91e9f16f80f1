//===- IamPolicy.cpp - What an AWS IAM role may do ------------------------===//
#include "analyzer/exposure/IamPolicy.h"

#include "analyzer/check/Engine.h"
#include "analyzer/check/Glob.h"
#include "analyzer/check/Relations.h"

#include "llvm/ADT/STLExtras.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace rampart::exposure {

using check::Target;
using model::Resource;
using model::Value;
using model::ValueKind;

bool actionMatches(llvm::StringRef Pattern, llvm::StringRef Action) {
  return check::globMatch(Pattern, Action);
}

namespace {

const Value *at(const Resource &R, llvm::StringRef Path) {
  return check::valueAt(R.Properties, Path, false);
}

std::string quoted(const Resource &R) {
  return "'" + check::resourceLabel(R) + "'";
}

/// A JSON policy string as a value tree, every node at the string's origin
/// (the statements have no text of their own).
Value fromJson(const nlohmann::json &J, const model::Origin &O) {
  if (J.is_object()) {
    std::vector<model::Member> Members;
    for (auto It = J.begin(); It != J.end(); ++It)
      Members.push_back({It.key(), O, fromJson(It.value(), O)});
    return Value::object(std::move(Members), O);
  }
  if (J.is_array()) {
    std::vector<Value> Items;
    for (const nlohmann::json &E : J)
      Items.push_back(fromJson(E, O));
    return Value::array(std::move(Items), O);
  }
  if (J.is_string())
    return Value::string(J.get<std::string>(), O);
  if (J.is_boolean())
    return Value::boolean(J.get<bool>(), O);
  return Value::null(O);
}

/// A `data.aws_iam_policy_document` as the policy it renders: its
/// statement blocks' effect (Allow by default), actions and resources.
std::optional<Value> renderedDocument(const model::DeploymentUnit &U,
                                      const Value &V) {
  if (!V.is(ValueKind::Expression) || V.refersTo().empty())
    return std::nullopt;
  const Resource *D = U.Graph.find(V.refersTo());
  if (!D || D->Type != "aws_iam_policy_document")
    return std::nullopt;
  const Value *Blocks = D->Properties.get("statement");
  if (!Blocks || !Blocks->is(ValueKind::Array))
    return std::nullopt;
  std::vector<Value> Statements;
  for (const Value &S : Blocks->items()) {
    std::vector<model::Member> M;
    const Value *Effect = S.get("effect");
    M.push_back(
        {"Effect",
         {},
         Effect && !Effect->isNull() ? *Effect : Value::string("Allow")});
    if (const Value *A = S.get("actions"))
      M.push_back({"Action", {}, *A});
    if (const Value *R = S.get("resources"))
      M.push_back({"Resource", {}, *R});
    Statements.push_back(Value::object(std::move(M), S.origin()));
  }
  return Value::object(
      {{"Statement", {}, Value::array(std::move(Statements), V.origin())}},
      V.origin());
}

/// A policy document as a value tree; nullopt when it cannot be read.
std::optional<Value> documentOf(const model::DeploymentUnit &U,
                                const Value &Doc) {
  if (Doc.is(ValueKind::Object))
    return Doc;
  if (Doc.is(ValueKind::String)) {
    nlohmann::json J = nlohmann::json::parse(Doc.asString().str(), nullptr,
                                             /*allow_exceptions=*/false);
    if (J.is_discarded() || !J.is_object())
      return std::nullopt;
    return fromJson(J, Doc.origin());
  }
  return renderedDocument(U, Doc);
}

std::vector<const Value *> listOf(const Value *V) {
  return check::elementsOf(V);
}

/// Where a policy is written, for hops and messages.
struct PolicySource {
  const Resource *Holder = nullptr;
  const Value *Document = nullptr;
  std::string Name; ///< "inline policy of 'app'", "policy 'admin'"
};

/// The known actions of a statement that match Action.
const Value *matchingAction(const std::vector<const Value *> &Actions,
                            llvm::StringRef Action) {
  for (const Value *A : Actions)
    if (A->is(ValueKind::String) && actionMatches(A->asString(), Action))
      return A;
  return nullptr;
}

bool anyResource(const std::vector<const Value *> &Resources) {
  return llvm::any_of(Resources, [](const Value *R) {
    return R->is(ValueKind::String) && R->asString() == "*";
  });
}

constexpr llvm::StringLiteral SelfEscalation[] = {
    "iam:AttachRolePolicy",    "iam:AttachUserPolicy", "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",       "iam:PutUserPolicy",    "iam:PutGroupPolicy",
    "iam:CreatePolicyVersion",
};

constexpr llvm::StringLiteral DataActions[] = {
    "s3:GetObject", "secretsmanager:GetSecretValue", "kms:Decrypt"};

/// The resource types a data action reads.
llvm::ArrayRef<llvm::StringRef> dataTypes(llvm::StringRef Action) {
  static const llvm::StringRef S3[] = {"AWS::S3::Bucket", "aws_s3_bucket"};
  static const llvm::StringRef Secrets[] = {"AWS::SecretsManager::Secret",
                                            "aws_secretsmanager_secret"};
  static const llvm::StringRef Kms[] = {"AWS::KMS::Key", "aws_kms_key"};
  if (Action.startswith("s3:"))
    return S3;
  if (Action.startswith("secretsmanager:"))
    return Secrets;
  return Kms;
}

class RoleEvaluator {
public:
  RoleEvaluator(const model::DeploymentUnit &U, const Resource &Role)
      : U(U), Role(Role) {}

  std::vector<Grant> run() {
    for (const PolicySource &P : sources())
      evaluate(P);
    finishEscalation();
    return std::move(Out);
  }

private:
  const model::DeploymentUnit &U;
  const Resource &Role;
  std::vector<Grant> Out;
  /// iam:PassRole and a launch action may sit in different statements.
  std::optional<Hop> PassRole, Launch;
  bool HaveAdmin = false, HaveEscalation = false;

  bool isTerraform() const { return Role.TheDialect == Dialect::Terraform; }

  /// Terraform resources whose `role` (or `roles`) names the role, by
  /// reference or by its name (`aws_iam_role.r.name` is a literal).
  std::vector<const Resource *>
  joinedToRole(llvm::ArrayRef<llvm::StringRef> Types) const {
    std::vector<const Resource *> Out;
    for (const Resource *C : check::deployedOfType(U, Types)) {
      std::vector<const Value *> Links = listOf(at(*C, "role"));
      llvm::append_range(Links, listOf(at(*C, "roles")));
      if (llvm::any_of(Links, [&](const Value *L) {
            return resolveNamed(U, L, {"aws_iam_role"}, "name") == &Role;
          }))
        Out.push_back(C);
    }
    return Out;
  }

  std::vector<PolicySource> sources() {
    std::vector<PolicySource> Sources;
    std::string Inline = "inline policy of " + quoted(Role);
    if (isTerraform()) {
      for (const Value *P : listOf(at(Role, "inline_policy")))
        Sources.push_back({&Role, P->get("policy"), Inline});
      for (const Value *Arn : listOf(at(Role, "managed_policy_arns")))
        managed(*Arn, &Role, Sources);
      for (const Resource *P : joinedToRole({"aws_iam_role_policy"}))
        Sources.push_back({P, at(*P, "policy"), "policy " + quoted(*P)});
      for (const Resource *A : joinedToRole(
               {"aws_iam_role_policy_attachment", "aws_iam_policy_attachment"}))
        if (const Value *Arn = at(*A, "policy_arn"))
          managed(*Arn, A, Sources);
      return Sources;
    }
    for (const Value *P : listOf(at(Role, "Policies")))
      Sources.push_back({&Role, P->get("PolicyDocument"), Inline});
    for (const Value *Arn : listOf(at(Role, "ManagedPolicyArns")))
      managed(*Arn, &Role, Sources);
    for (const Resource *P :
         check::linkedTo(U, Role,
                         {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"},
                         {"Roles"})
             .Resources)
      Sources.push_back({P, at(*P, "PolicyDocument"), "policy " + quoted(*P)});
    return Sources;
  }

  /// A managed policy: one the unit declares (by reference), or an AWS
  /// managed one by its ARN.
  void managed(const Value &Arn, const Resource *Holder,
               std::vector<PolicySource> &Sources) {
    Target T = check::resolveReference(U, &Arn);
    if (T.Result == Target::State::Resolved) {
      bool Tf = T.Resource->TheDialect == Dialect::Terraform;
      Sources.push_back({T.Resource,
                         at(*T.Resource, Tf ? "policy" : "PolicyDocument"),
                         "policy " + quoted(*T.Resource)});
      return;
    }
    awsManaged(Arn, *Holder);
  }

  void add(PrivilegeKind K, std::string Privilege, GrantScope S,
           const Resource *Target, Hop H, Certainty C = Certainty::Definite,
           std::string Reason = "") {
    Grant G;
    G.Kind = K;
    G.Privilege = std::move(Privilege);
    G.Scope = S;
    G.Target = Target;
    G.Chain.push_back(std::move(H));
    G.State = C;
    G.Reason = std::move(Reason);
    Out.push_back(std::move(G));
  }

  /// AWS managed policies by name: what they are known to allow.
  void awsManaged(const Value &Arn, const Resource &Holder) {
    llvm::StringRef Text = Arn.asString();
    if (!Text.contains(":iam::aws:policy/"))
      return;
    llvm::StringRef Name = Text.rsplit('/').second;
    auto Label = [&](llvm::StringRef What) {
      return stepAt(
          Holder, "AWS managed policy " + Name.str() + " " + What.str(), &Arn);
    };
    if (Name == "AdministratorAccess") {
      HaveAdmin = true;
      add(PrivilegeKind::Admin, "admin", GrantScope::Account, nullptr,
          Label("allows * on *"));
    } else if (Name == "IAMFullAccess") {
      HaveEscalation = true;
      add(PrivilegeKind::Escalation, "escalation", GrantScope::Account, nullptr,
          Label("allows iam:* on *"));
    } else if (Name == "AmazonS3FullAccess" ||
               Name == "AmazonS3ReadOnlyAccess") {
      add(PrivilegeKind::Data, "s3:GetObject", GrantScope::Account, nullptr,
          Label("allows s3:GetObject on *"));
    } else if (Name == "SecretsManagerReadWrite") {
      add(PrivilegeKind::Data, "secretsmanager:GetSecretValue",
          GrantScope::Account, nullptr,
          Label("allows secretsmanager:GetSecretValue on *"));
    }
  }

  void evaluate(const PolicySource &P) {
    if (!P.Document || P.Document->isNull())
      return;
    std::optional<Value> Doc = documentOf(U, *P.Document);
    if (!Doc) {
      // Unknown is not false: what it allows may be anything.
      add(PrivilegeKind::Admin, "admin", GrantScope::Account, nullptr,
          stepAt(*P.Holder, P.Name + " (unknown document)", P.Document),
          Certainty::Possible,
          "the document of the " + P.Name + " cannot be resolved statically");
      return;
    }
    for (const Value *S : listOf(Doc->get("Statement")))
      statement(P, *S);
  }

  void statement(const PolicySource &P, const Value &S) {
    const Value *Effect = S.get("Effect");
    if (!Effect || (Effect->isKnown() && (!Effect->is(ValueKind::String) ||
                                          Effect->asString() != "Allow")))
      return;
    const Value *ActionValue = S.get("Action");
    std::vector<const Value *> Actions = listOf(ActionValue);
    std::vector<const Value *> Resources = listOf(S.get("Resource"));
    // A statement parsed from a JSON string has no text of its own.
    const Value *Where = ActionValue && ActionValue->origin().hasFile()
                             ? ActionValue
                             : P.Document;
    // Unknown is not false: a statement whose effect, actions or resources
    // are not known, or that allows everything but some actions, may grant
    // anything.
    // (A resource may be a reference to one of the unit's: that is known.)
    auto Unknown = [](const Value *V) { return !V->isKnown(); };
    auto Unresolved = [](const Value *V) { return V->is(ValueKind::Unknown); };
    if (!Effect->isKnown() || llvm::any_of(Actions, Unknown) ||
        llvm::any_of(Resources, Unresolved) || S.get("NotAction")) {
      add(PrivilegeKind::Admin, "admin", GrantScope::Account, nullptr,
          stepAt(*P.Holder, P.Name + " (a statement not known statically)",
                 Where),
          Certainty::Possible,
          "a statement of the " + P.Name +
              " has an Effect, Action or Resource not known statically, or "
              "uses NotAction");
      return;
    }
    bool All = anyResource(Resources);
    if (All && llvm::any_of(Actions, [](const Value *A) {
          return A->is(ValueKind::String) &&
                 (A->asString() == "*" || A->asString() == "*:*");
        })) {
      HaveAdmin = true;
      add(PrivilegeKind::Admin, "admin", GrantScope::Account, nullptr,
          stepAt(*P.Holder, P.Name + " allows * on *", Where));
      return;
    }
    for (llvm::StringRef A : SelfEscalation)
      if (matchingAction(Actions, A)) {
        HaveEscalation = true;
        add(PrivilegeKind::Escalation, "escalation", GrantScope::Account,
            nullptr, stepAt(*P.Holder, P.Name + " allows " + A.str(), Where));
        break;
      }
    if (All && matchingAction(Actions, "sts:AssumeRole")) {
      HaveEscalation = true;
      add(PrivilegeKind::Escalation, "escalation", GrantScope::Account, nullptr,
          stepAt(*P.Holder, P.Name + " allows sts:AssumeRole on *", Where));
    }
    if (matchingAction(Actions, "iam:PassRole") && !PassRole)
      PassRole = stepAt(*P.Holder, P.Name + " allows iam:PassRole", Where);
    for (llvm::StringRef L : {"ec2:RunInstances", "lambda:CreateFunction"})
      if (matchingAction(Actions, L) && !Launch)
        Launch = stepAt(*P.Holder, P.Name + " allows " + L.str(), Where);
    for (llvm::StringRef D : DataActions)
      if (matchingAction(Actions, D))
        dataGrant(P, D, Resources, Where);
  }

  /// The data an action reads: every resource of its kind ("*"), or the
  /// ones its Resource entries refer to.
  void dataGrant(const PolicySource &P, llvm::StringRef Action,
                 const std::vector<const Value *> &Resources,
                 const Value *Where) {
    std::string Label = P.Name + " allows " + Action.str();
    if (anyResource(Resources)) {
      add(PrivilegeKind::Data, Action.str(), GrantScope::Account, nullptr,
          stepAt(*P.Holder, Label + " on *", Where));
      return;
    }
    for (const Value *R : Resources) {
      llvm::StringSet<> Refs;
      model::collectReferences(*R, Refs);
      for (const auto &Ref : Refs) {
        const Resource *T = U.Graph.find(Ref.getKey());
        if (T && check::hasType(*T, dataTypes(Action)))
          add(PrivilegeKind::Data, Action.str(), GrantScope::Resource, T,
              stepAt(*P.Holder, Label + " on " + quoted(*T), R));
      }
      if (Refs.empty() && !R->is(ValueKind::String))
        add(PrivilegeKind::Data, Action.str(), GrantScope::Unknown, nullptr,
            stepAt(*P.Holder, Label, R), Certainty::Possible,
            "a resource of the " + P.Name + " is unknown");
    }
  }

  void finishEscalation() {
    if (!PassRole || !Launch || HaveEscalation)
      return;
    Grant G;
    G.Kind = PrivilegeKind::Escalation;
    G.Privilege = "escalation";
    G.Scope = GrantScope::Account;
    G.Chain = {*PassRole, *Launch};
    Out.push_back(std::move(G));
  }
};

} // namespace

std::vector<Grant> awsRoleGrants(const model::DeploymentUnit &U,
                                 const Resource &Role) {
  return RoleEvaluator(U, Role).run();
}

} // namespace rampart::exposure
