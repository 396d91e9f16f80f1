//===- ConsoleUsersRequireMfa.cpp - AWS-IAM-006 ---------------------------===//
//
// An MFA device cannot be enrolled from a template, so what a template can
// guarantee is a "force MFA" policy on every IAM user with a console
// password: a Deny of everything but MFA self-service while the session has
// no MFA. The policies that reach a user are its own (inline, managed,
// attached by policy resources) and those of its groups.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

//===- The force-MFA statement --------------------------------------------===//

Match unknownAt(const Value *Where, std::string Reason = {}) {
  return {Truth::Unknown, Where, std::move(Reason)};
}

/// Kleene "and" keeping the deciding value: the first False, else the
/// first Unknown, else A.
Match both(Match A, Match B) {
  if (A.isFalse())
    return A;
  if (B.isFalse())
    return B;
  if (A.isUnknown())
    return A;
  if (B.isUnknown())
    return B;
  return A;
}

/// A statement whose Action lists the actions a user without MFA must keep:
/// enrolling and using an MFA device, changing the password.
const Value &selfServiceActions() {
  static const Value Actions = [] {
    std::vector<Value> Names;
    for (const char *A : {"iam:*MFADevice*", "iam:ChangePassword",
                          "iam:GetAccountPasswordPolicy", "sts:GetSessionToken",
                          "iam:ListMFADevices", "iam:GetUser"})
      Names.push_back(Value::string(A));
    return Value::object({{"Action", {}, Value::array(std::move(Names))}});
  }();
  return Actions;
}

/// Kleene "every element" over a string or a list of strings.
Match everyElement(const Value &V,
                   llvm::function_ref<Match(const Value &)> Pred) {
  if (!V.isKnown())
    return unknownAt(&V);
  if (!V.is(ValueKind::Array))
    return Pred(V);
  Match Out{Truth::True, &V, {}};
  for (const Value &E : V.items())
    Out = both(Out, E.isKnown() ? Pred(E) : unknownAt(&E));
  return Out;
}

/// Kleene "some element".
Match someElement(const Value &V,
                  llvm::function_ref<Match(const Value &)> Pred) {
  if (!V.isKnown())
    return unknownAt(&V);
  if (!V.is(ValueKind::Array))
    return Pred(V);
  Match Out{Truth::False, &V, {}};
  for (const Value &E : V.items()) {
    Match M = E.isKnown() ? Pred(E) : unknownAt(&E);
    if (M.isTrue())
      return M;
    if (M.isUnknown() && !Out.isUnknown())
      Out = M;
  }
  return Out;
}

/// A NotAction pattern leaves out only self-service actions when a
/// self-service pattern matches its text ("iam:*MFADevice" is inside
/// "iam:*MFADevice*"; "iam:*" is not).
Match onlySelfService(const Value &Pattern) {
  if (!Pattern.is(ValueKind::String))
    return {Truth::False, &Pattern, {}};
  Match M = statementCoversAction(selfServiceActions(), Pattern.asString());
  return {M.T, &Pattern, {}};
}

Match isStar(const Value &V) {
  llvm::StringRef S = aws::stringOf(&V);
  return {fromBool(S == "*" || S == "*:*"), &V, {}};
}

/// The statement denies every action but MFA self-service: a NotAction of
/// self-service actions only, or an Action of "*".
Match coversAllButSelfService(const Value &Statement) {
  if (const Value *NA = Statement.get("NotAction"); NA && !NA->isNull())
    return everyElement(*NA, onlySelfService);
  if (const Value *A = Statement.get("Action"); A && !A->isNull())
    return someElement(*A, isStar);
  return {Truth::False, &Statement, {}};
}

/// A Deny limited to some resources leaves the others usable without MFA.
Match coversAllResources(const Value &Statement) {
  if (const Value *NR = Statement.get("NotResource"); NR && !NR->isNull())
    return {Truth::False, NR, {}};
  if (const Value *R = Statement.get("Resource"); R && !R->isNull())
    return someElement(*R, isStar);
  return {Truth::False, &Statement, {}};
}

/// `aws:MultiFactorAuthPresent` is false: "false", false, or a list of them.
Match isFalseValue(const Value &V) {
  return everyElement(V, [](const Value &E) {
    return valueEquals(E, Value::boolean(false), /*IgnoreCase=*/true);
  });
}

/// The Condition is only `Bool` or `BoolIfExists` on
/// aws:MultiFactorAuthPresent = false: the Deny holds whenever the session
/// has no MFA, and no other key narrows it.
Match withoutMfaOnly(const Value *Condition, const Value &Statement) {
  if (!Condition || Condition->isNull())
    return {Truth::False, &Statement, {}};
  if (!Condition->isKnown())
    return unknownAt(Condition);
  if (!Condition->is(ValueKind::Object) || Condition->members().empty())
    return {Truth::False, Condition, {}};
  Match Out{Truth::True, Condition, {}};
  for (const model::Member &Op : Condition->members()) {
    llvm::StringRef Name = Op.Key;
    if (!Name.equals_insensitive("Bool") &&
        !Name.equals_insensitive("BoolIfExists"))
      return {Truth::False, &Op.V, {}};
    if (!Op.V.isKnown()) {
      Out = both(Out, unknownAt(&Op.V));
      continue;
    }
    if (!Op.V.is(ValueKind::Object) || Op.V.members().empty())
      return {Truth::False, &Op.V, {}};
    for (const model::Member &Key : Op.V.members()) {
      if (!llvm::StringRef(Key.Key).equals_insensitive(
              "aws:MultiFactorAuthPresent"))
        return {Truth::False, &Key.V, {}};
      Out = both(Out, isFalseValue(Key.V));
    }
  }
  return Out;
}

/// The catalog's force-MFA statement: Effect Deny, every action but MFA
/// self-service, every resource, while aws:MultiFactorAuthPresent is false.
Match requiresMfa(const Value &Statement) {
  if (!Statement.isKnown() || !Statement.is(ValueKind::Object))
    return Statement.isKnown() ? Match{Truth::False, &Statement, {}}
                               : unknownAt(&Statement);
  const Value *Effect = Statement.get("Effect");
  Match Deny = Effect ? valueEquals(*Effect, Value::string("Deny"))
                      : Match{Truth::False, &Statement, {}};
  return both(
      both(Deny, withoutMfaOnly(Statement.get("Condition"), Statement)),
      both(coversAllButSelfService(Statement), coversAllResources(Statement)));
}

//===- The policies that reach a user -------------------------------------===//

/// The names of one dialect's IAM resources and their properties.
struct IamShape {
  llvm::StringRef User, Group, UserName, GroupName;
  /// The managed policy resource and its document.
  llvm::StringRef ManagedPolicy, ManagedDocument;
};

const IamShape CfnIam{
    "AWS::IAM::User", "AWS::IAM::Group",         "UserName",
    "GroupName",      "AWS::IAM::ManagedPolicy", "PolicyDocument"};
const IamShape TfIam{"aws_iam_user", "aws_iam_group",  "name",
                     "name",         "aws_iam_policy", "policy"};

/// Some policy reaching the user requires MFA: Kleene "or" over the
/// policies, keeping the first True, else the first Unknown.
class Reach {
public:
  Reach(const model::DeploymentUnit &U, const IamShape &Shape)
      : U(U), Shape(Shape) {}

  const Match &result() const { return Best; }

  void add(Match M) {
    if (Best.isTrue() || M.isFalse())
      return;
    if (M.isTrue() || !Best.isUnknown())
      Best = std::move(M);
  }

  void document(const Value *Doc) {
    if (Doc && !Doc->isNull())
      add(aws::policyHas(U, *Doc, requiresMfa));
  }

  /// Inline policies: a list of objects holding a document at Member.
  void inlinePolicies(const Value *List, llvm::StringRef Member) {
    if (!List || List->isNull())
      return;
    if (!List->isKnown() || !List->is(ValueKind::Array))
      return add(unknownAt(List));
    for (const Value &P : List->items())
      document(P.isKnown() ? P.get(Member) : &P);
  }

  /// A managed policy by ARN: judged when it is a policy of the unit.
  void managedPolicy(const Value &Arn) {
    if (Arn.isNull())
      return;
    std::vector<const Resource *> Policies =
        aws::referencedOfType(U, Arn, {Shape.ManagedPolicy});
    if (Policies.empty())
      return add(unknownAt(&Arn, Arn.isKnown()
                                     ? "managed policy " + describeValue(Arn) +
                                           " is not defined in this unit"
                                     : std::string()));
    for (const Resource *P : Policies)
      document(P->Properties.get(Shape.ManagedDocument));
  }

  void managedPolicies(const Value *Arns) {
    if (!Arns || Arns->isNull())
      return;
    if (!Arns->isKnown() || !Arns->is(ValueKind::Array))
      return add(unknownAt(Arns));
    for (const Value &A : Arns->items())
      managedPolicy(A);
  }

  /// The groups a value names (a reference or a literal name): groups of
  /// the unit, or an unknown for one defined elsewhere.
  std::vector<const Resource *> groupsNamed(const Value &V) {
    if (V.is(ValueKind::Array)) {
      std::vector<const Resource *> Out;
      for (const Value &E : V.items())
        llvm::append_range(Out, groupsNamed(E));
      return Out;
    }
    std::vector<const Resource *> Out =
        aws::referencedOfType(U, V, {Shape.Group});
    if (!Out.empty() || V.isNull())
      return Out;
    if (V.is(ValueKind::String))
      for (const Resource *G : check::deployedOfType(U, {Shape.Group}))
        if (aws::stringOf(G->Properties.get(Shape.GroupName)) == V.asString())
          Out.push_back(G);
    if (Out.empty())
      add(unknownAt(&V, V.isKnown() ? "group " + describeValue(V) +
                                          " is not defined in this unit"
                                    : std::string()));
    return Out;
  }

  /// Resources of Type whose Prop names Owner (by reference or by name).
  std::vector<const Resource *> naming(const Resource &Owner,
                                       llvm::StringRef Type,
                                       llvm::StringRef Prop,
                                       llvm::StringRef NameProp) {
    std::vector<const Resource *> Out;
    for (const Resource *R : check::deployedOfType(U, {Type}))
      if (aws::joinsOrNames(U, *R, Prop, Owner, NameProp))
        Out.push_back(R);
    return Out;
  }

private:
  const model::DeploymentUnit &U;
  const IamShape &Shape;
  Match Best{Truth::False, nullptr, {}};
};

std::string whyMfaUnknown(const Match &M) {
  if (!M.Reason.empty())
    return M.Reason;
  if (M.Where && M.Where->is(ValueKind::Unknown))
    return M.Where->asString().str();
  if (M.Where && M.Where->is(ValueKind::Expression))
    return "'" + M.Where->asString().str() + "' is known only after deployment";
  return "a policy cannot be judged";
}

constexpr llvm::StringLiteral NoMfa =
    "the user can sign in to the console and no policy reaching it denies "
    "its actions while the session has no MFA";

Evaluation verdict(const Match &M, std::vector<std::string> Path) {
  if (M.isTrue())
    return Evaluation::healthy();
  if (M.isUnknown())
    return {Outcome::Unknown, M.Where, std::move(Path),
            "whether a policy reaching the user requires MFA is not known: " +
                whyMfaUnknown(M)};
  return {Outcome::Unhealthy, nullptr, std::move(Path), NoMfa.str()};
}

//===- CloudFormation -----------------------------------------------------===//

/// A group's own policies and the policy resources naming it.
void cfnGroupPolicies(Reach &R, const Resource &Group) {
  R.inlinePolicies(Group.Properties.get("Policies"), "PolicyDocument");
  R.managedPolicies(Group.Properties.get("ManagedPolicyArns"));
  for (llvm::StringRef Type : {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"})
    for (const Resource *P : R.naming(Group, Type, "Groups", CfnIam.GroupName))
      R.document(P->Properties.get("PolicyDocument"));
}

Evaluation cfnUser(const Subject &S) {
  const Value &Props = S.Resource.Properties;
  const Value *Login = Props.get("LoginProfile");
  if (!Login || Login->isNull())
    return Evaluation::notApplicable();
  Reach R(S.Unit, CfnIam);
  R.inlinePolicies(Props.get("Policies"), "PolicyDocument");
  R.managedPolicies(Props.get("ManagedPolicyArns"));
  for (llvm::StringRef Type : {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"})
    for (const Resource *P :
         R.naming(S.Resource, Type, "Users", CfnIam.UserName))
      R.document(P->Properties.get("PolicyDocument"));
  std::vector<const Resource *> Groups;
  if (const Value *G = Props.get("Groups"); G && !G->isNull())
    Groups = R.groupsNamed(*G);
  for (const Resource *Add :
       R.naming(S.Resource, "AWS::IAM::UserToGroupAddition", "Users",
                CfnIam.UserName))
    if (const Value *G = Add->Properties.get("GroupName"))
      llvm::append_range(Groups, R.groupsNamed(*G));
  for (const Resource *G : Groups)
    cfnGroupPolicies(R, *G);
  Match M = R.result();
  // A console password that may not exist (an Fn::If) fails nothing.
  if (M.isFalse() && !Login->isKnown())
    M = unknownAt(Login);
  return verdict(M, {"LoginProfile"});
}

//===- Terraform ----------------------------------------------------------===//

/// A managed policy attached by an attachment resource.
void tfAttached(Reach &R, const std::vector<const Resource *> &Attachments) {
  for (const Resource *A : Attachments)
    if (const Value *Arn = A->Properties.get("policy_arn"))
      R.managedPolicy(*Arn);
}

void tfGroupPolicies(Reach &R, const Resource &Group) {
  for (const Resource *P :
       R.naming(Group, "aws_iam_group_policy", "group", TfIam.GroupName))
    R.document(P->Properties.get("policy"));
  tfAttached(R, R.naming(Group, "aws_iam_group_policy_attachment", "group",
                         TfIam.GroupName));
  tfAttached(R, R.naming(Group, "aws_iam_policy_attachment", "groups",
                         TfIam.GroupName));
}

bool hasLoginProfile(const Subject &S) {
  for (const Resource *P :
       check::deployedOfType(S.Unit, {"aws_iam_user_login_profile"}))
    if (aws::joinsOrNames(S.Unit, *P, "user", S.Resource, TfIam.UserName))
      return true;
  return false;
}

Evaluation tfUser(const Subject &S) {
  if (!hasLoginProfile(S))
    return Evaluation::notApplicable();
  const Resource &User = S.Resource;
  Reach R(S.Unit, TfIam);
  for (const Resource *P :
       R.naming(User, "aws_iam_user_policy", "user", TfIam.UserName))
    R.document(P->Properties.get("policy"));
  tfAttached(R, R.naming(User, "aws_iam_user_policy_attachment", "user",
                         TfIam.UserName));
  tfAttached(
      R, R.naming(User, "aws_iam_policy_attachment", "users", TfIam.UserName));
  std::vector<const Resource *> Groups;
  for (const Resource *M :
       R.naming(User, "aws_iam_user_group_membership", "user", TfIam.UserName))
    if (const Value *G = M->Properties.get("groups"))
      llvm::append_range(Groups, R.groupsNamed(*G));
  for (const Resource *M :
       R.naming(User, "aws_iam_group_membership", "users", TfIam.UserName))
    if (const Value *G = M->Properties.get("group"))
      llvm::append_range(Groups, R.groupsNamed(*G));
  for (const Resource *G : Groups)
    tfGroupPolicies(R, *G);
  return verdict(R.result(), {});
}

/// A login profile for a user defined outside the unit: its policies are
/// not here to judge.
Evaluation tfOrphanLoginProfile(const Subject &S) {
  for (const Resource *U : check::deployedOfType(S.Unit, {TfIam.User}))
    if (aws::joinsOrNames(S.Unit, S.Resource, "user", *U, TfIam.UserName))
      return Evaluation::notApplicable();
  const Value *User = S.Resource.Properties.get("user");
  return {Outcome::Unknown,
          User,
          {"user"},
          "the user is defined outside this unit, so whether a policy "
          "requires MFA for it is not known"};
}

} // namespace

const Check &iamConsoleUsersRequireMfa() {
  static const Check C =
      CheckBuilder("AWS-IAM-006", __FILE__)
          .title("IAM users that can sign in to the console should be "
                 "required to use MFA")
          .severity(Level::Medium)
          .control("Enable MFA")
          .compliance("MCSB", "IM-6")
          .compliance("CIS-AWS", "1.10")
          .compliance("FSBP", "IAM.5")
          .why("Console passwords without a second factor are the most common "
               "way IAM users are taken over. An MFA device cannot be "
               "enrolled from a template, so the guarantee a template can give "
               "is a policy that denies everything but MFA self-service while "
               "the session has no MFA.")
          .remediation("Prefer federated access and drop console passwords; "
                       "otherwise attach a policy that denies all but MFA "
                       "self-service when aws:MultiFactorAuthPresent is false")
          .reference("Checkov CKV2_AWS_22 (related: console access)")
          .onCloudFormation({"AWS::IAM::User"}, cfnUser)
          .onTerraform("aws", {"aws_iam_user"}, tfUser)
          .onTerraform("aws", {"aws_iam_user_login_profile"},
                       tfOrphanLoginProfile)
          // No automated fix: the force-MFA policy is a new resource attached
          // to the user or its group.
          .build();
  return C;
}

} // namespace rampart::checks
